/**
 * Node's own modules when the runtime offers them without a static import (Node >= 20.16, Bun, Deno have
 * `process.getBuiltinModule`). The Fetch entry must load on Cloudflare Workers, where no `node:*` module exists,
 * so nothing here is imported statically: on such runtimes these are undefined and WebCrypto takes over.
 */
type NodeCrypto = typeof import('node:crypto');
type NodeBuffer = typeof import('node:buffer');

interface WithBuiltins {
  process?: { getBuiltinModule?: (id: string) => unknown };
}

function builtin<T>(id: string): T | undefined {
  try {
    return (globalThis as WithBuiltins).process?.getBuiltinModule?.(id) as T | undefined;
  } catch {
    return undefined;
  }
}

export const nodeCrypto: NodeCrypto | undefined = builtin<NodeCrypto>('node:crypto');
export const nodeBuffer: NodeBuffer | undefined = builtin<NodeBuffer>('node:buffer');
