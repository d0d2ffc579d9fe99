// Partition assignors with kcat against a samsa broker process (see assignors-suite.ts): the
// protocol DescribeGroups reports, one owner per partition at every stable point, the assignor's
// own rules, and every record consumed while members join and leave.
import { KCAT_ASSIGNORS } from './assignors-members';
import { describeAssignors } from './assignors-suite';

describeAssignors(KCAT_ASSIGNORS);
