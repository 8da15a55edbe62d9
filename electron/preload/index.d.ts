import type { Api } from '../../shared/api/contract';

declare global {
  interface Window {
    /** Present in the desktop app only; browser mode reaches the same contract over HTTP. */
    hooksmith?: Api;
  }
}

export {};
