/**
 * Exposes exactly the contract's methods as `window.hooksmith`, and nothing else (no ipcRenderer, no Node).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createApiClient } from '../../shared/api/client';
import { channelFor } from '../../shared/api/channels';
import type { Result } from '../../shared/api/result';

const api = createApiClient((method, arg) => ipcRenderer.invoke(channelFor(method), arg) as Promise<Result<unknown>>);
contextBridge.exposeInMainWorld('hooksmith', api);
