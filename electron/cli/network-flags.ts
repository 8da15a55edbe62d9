/**
 * The `--ca/--insecure/--proxy` network flags, read the same way by `hooksmith send` and `simulate --send`.
 */
import type { TestNetworkOptions } from '../../shared/api/contract';
import type { CliIo } from './cli-io';

/** The flags' `parseArgs` options, spread into a command's own. */
export const NETWORK_FLAG_OPTIONS = {
  ca: { type: 'string' },
  insecure: { type: 'boolean' },
  proxy: { type: 'string' },
} as const;

/** The network options the flags ask for (`{}` for none); a string says what is wrong, naming the flag. */
export async function networkFromFlags(values: { ca?: string; insecure?: boolean; proxy?: string }, io: CliIo): Promise<TestNetworkOptions | string> {
  const network: TestNetworkOptions = {};
  if (values.ca !== undefined) {
    try {
      network.extraCaPem = await io.readFile(values.ca);
    } catch (e) {
      return `--ca ${values.ca}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  if (values.insecure) network.insecureTls = true;
  if (values.proxy !== undefined) network.proxyUrl = values.proxy;
  return network;
}
