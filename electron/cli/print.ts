import type { AppError } from '../../shared/api/result';
import type { CliIo } from './cli-io';

/** Prints an error with every field issue on its own line; returns the exit code (1). */
export function printError(io: CliIo, error: AppError, source?: string): number {
  const prefix = source ? `${source}: ` : '';
  if (error.issues?.length) {
    io.stderr(`${prefix}${error.message.split('\n')[0]}\n`);
    for (const issue of error.issues) io.stderr(`  ${issue.field}: ${issue.message}\n`);
  } else io.stderr(`${prefix}${error.message}\n`);
  return 1;
}
