import type { AppError } from '../../shared/api/result';
import type { CliIo } from './cli-io';

/**
 * Prints an error with every field issue on its own line; returns the exit code (1). `source` (the file the
 * command read) prefixes errors about that input; a data folder that cannot be written is not the input's
 * fault, and its message names the folder, so it stands alone.
 */
export function printError(io: CliIo, error: AppError, source?: string): number {
  const prefix = source && error.code !== 'storage-unwritable' ? `${source}: ` : '';
  if (error.issues?.length) {
    io.stderr(`${prefix}${error.message.split('\n')[0]}\n`);
    for (const issue of error.issues) io.stderr(`  ${issue.field}: ${issue.message}\n`);
  } else io.stderr(`${prefix}${error.message}\n`);
  return 1;
}
