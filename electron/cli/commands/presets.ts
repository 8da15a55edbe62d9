/**
 * `hooksmith presets` lists the target presets; `hooksmith presets show NAME` prints one as a definition
 * file, ready to fill in and import.
 */
import { serializeDefinitionFile } from '../../../shared/model/definition-file';
import { placeholdersIn } from '../../../shared/model/placeholders';
import { PRESETS, findPreset } from '../../../shared/presets';
import type { CliCommand } from '../cli-io';

const USAGE = 'usage: hooksmith presets [show NAME]\n';

export const presetsCommand: CliCommand = async (argv, io) => {
  const [sub, name, ...extra] = argv;
  if (sub === undefined || sub === 'list') {
    const width = Math.max(...PRESETS.map((p) => p.id.length));
    io.stdout(PRESETS.map((p) => `${p.id.padEnd(width)}  ${p.name} — ${p.description}`).join('\n') + '\n');
    return 0;
  }
  if (sub !== 'show' || !name || extra.length > 0) {
    io.stderr(USAGE);
    return 2;
  }
  const preset = findPreset(name);
  if (!preset) {
    io.stderr(`No preset "${name}" — one of: ${PRESETS.map((p) => p.id).join(', ')}.\n`);
    return 2;
  }
  io.stdout(serializeDefinitionFile([preset.webhook]));
  const todo = placeholdersIn(JSON.stringify(preset.webhook));
  if (todo.length > 0) io.stderr(`Replace ${todo.join(', ')} before importing.\n`);
  for (const step of preset.setup) io.stderr(`- ${step}\n`);
  if (preset.docUrl) io.stderr(`Documentation: ${preset.docUrl}\n`);
  return 0;
};
