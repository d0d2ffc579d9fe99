import { ErrorCode } from './generated/error-codes';
export { ErrorCode, RETRIABLE } from './generated/error-codes';

const names = new Map<number, string>(Object.entries(ErrorCode).map(([k, v]) => [v as number, k]));
export function errorName(code: number): string { return names.get(code) ?? `UNKNOWN_ERROR_${code}`; }
