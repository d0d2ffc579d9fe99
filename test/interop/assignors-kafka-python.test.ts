// Partition assignors with kafka-python against a samsa broker process (see assignors-suite.ts): the
// protocol DescribeGroups reports, one owner per partition at every stable point, the assignor's
// own rules, and every record consumed while members join and leave.
import { KAFKA_PYTHON_ASSIGNORS } from './assignors-members';
import { describeAssignors } from './assignors-suite';

describeAssignors(KAFKA_PYTHON_ASSIGNORS);
