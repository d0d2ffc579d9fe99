// Consumer groups with kafka-python against a samsa broker process (see groups-suite.ts): shared
// consumption by 3 members, a killed member's partitions moving, two groups on one topic,
// committed offsets across a broker restart and a kill -9.
import { KAFKA_PYTHON_CLIENT } from './groups-members';
import { describeGroupClient } from './groups-suite';

describeGroupClient(KAFKA_PYTHON_CLIENT);
