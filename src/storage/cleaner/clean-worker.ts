// piscina entry point: each task is one stateless cleaning pass (see clean-task.ts). Errors
// cross back as plain data so the handler keeps samsa's error code and message.
import { SamsaError } from '../../runtime/samsa-error';
import { cleanLog as run } from './clean-task';
import type { CleaningResult, CleaningTask } from './types';

export function cleanLog(task: CleaningTask): CleaningResult | { error: { code: string; message: string } } {
  try {
    return run(task);
  } catch (err) {
    const code = err instanceof SamsaError ? err.code : 'SAMSA_ERR_INTERNAL';
    return { error: { code, message: err instanceof Error ? err.message : String(err) } };
  }
}
