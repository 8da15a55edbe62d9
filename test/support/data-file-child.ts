/**
 * A child process for the data-file tests: creates webhooks through the real WebhookService and DataFile, one
 * after another, printing each name once `create` has returned (acknowledged), until `count` are made or it is
 * killed. Bundled to plain JS by the test (rolldown), run with node.
 */
import { DataFile } from '../../electron/services/storage/data-file';
import { MemorySecretStore } from '../../electron/services/secrets/secret-store';
import { WebhookService } from '../../electron/services/webhook-service';
import { webhookInput } from './webhook-fixtures';

const [dir, prefix, countText] = process.argv.slice(2) as [string, string, string];
const webhooks = new WebhookService(await DataFile.open(dir), new MemorySecretStore());
for (let i = 0; i < Number(countText); i++) {
  const name = `${prefix}n${i}`;
  const saved = await webhooks.create({ input: webhookInput({ name }) });
  if (!saved.ok) {
    process.stderr.write(`${name}: ${saved.error.code}: ${saved.error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${name}\n`);
}
