/**
 * The target contracts Hooksmith knows: those the presets carry (one per target), for the list a custom webhook
 * picks from and for looking up the contract a saved webhook names.
 */
import { PRESETS } from '../presets';
import type { TargetContract } from './target-contract';

export type { TargetContract, ContractFinding, RequestToCheck } from './target-contract';
export { checkRequest, checkUrlPath } from './target-contract';
export { plannedHeaders } from './planned-request';

/** Every known contract, in the preset gallery's order. */
export const TARGET_CONTRACTS: readonly TargetContract[] = PRESETS.flatMap((p) => (p.contract ? [p.contract] : []));

/** The contract with this id, if Hooksmith knows it. */
export function findContract(id: string): TargetContract | undefined {
  return TARGET_CONTRACTS.find((c) => c.id === id);
}

/** How the contract list names each contract: the target and the preset it comes from. */
export function contractLabel(c: TargetContract): string {
  const preset = PRESETS.find((p) => p.contract?.id === c.id);
  return preset ? `${preset.name} (${c.id})` : c.id;
}
