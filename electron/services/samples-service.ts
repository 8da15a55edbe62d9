/** The contract's `samples` namespace: sample events the user saved in the template editor, in the data file. */
import { randomUUID } from 'node:crypto';
import type { SamplesApi } from '../../shared/api/contract';
import { err, ok, validationFailed, type Result } from '../../shared/api/result';
import type { SavedSample } from '../../shared/model/store-schema';
import { checkSampleInput } from '../../shared/payload/user-samples';
import type { DataFile } from './storage/data-file';

export class SamplesService implements SamplesApi {
  constructor(
    private readonly file: DataFile,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(): Promise<Result<SavedSample[]>> {
    const { samples } = await this.file.read();
    return ok([...samples].sort((a, b) => a.name.localeCompare(b.name)));
  }

  async save({ name, event }: { name: string; event: Record<string, unknown> }): Promise<Result<SavedSample>> {
    const issues = checkSampleInput(name, event);
    if (issues.length) return validationFailed(issues, 'The sample');
    const trimmed = name.trim();
    const saved = await this.file.update((doc) => {
      // Saving under an existing name replaces that sample: "save" after editing a saved sample updates it.
      const previous = doc.samples.find((s) => s.name === trimmed);
      const sample: SavedSample = { id: previous?.id ?? randomUUID(), name: trimmed, event, createdAt: this.now().toISOString() };
      doc.samples = [...doc.samples.filter((s) => s !== previous), sample];
      return sample;
    });
    return ok(saved);
  }

  async remove({ id }: { id: string }): Promise<Result<{ id: string }>> {
    const removed = await this.file.update((doc) => {
      const before = doc.samples.length;
      doc.samples = doc.samples.filter((s) => s.id !== id);
      return doc.samples.length < before;
    });
    return removed ? ok({ id }) : err('not-found', `No saved sample with id ${id}; it may have been deleted already.`);
  }
}
