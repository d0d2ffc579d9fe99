// Loads every API module; each registers itself with the registry.
import './api-versions';
import './produce';
import './fetch';
import './list-offsets';
import './metadata';
import './offset-for-leader-epoch';
import './create-topics';
import './delete-topics';
import './delete-records';
import './describe-configs';
import './alter-configs';
import './describe-log-dirs';
import './create-partitions';
import './describe-cluster';

export { apiFor, registeredApis } from './registry';
