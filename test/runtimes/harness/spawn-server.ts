import { spawn } from 'node:child_process';

export interface SpawnedServer {
  baseUrl: string;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** For a server told its port (next start -p): the line it prints when ready, and where it listens. */
  ready?: { line: RegExp; baseUrl: string };
}

/**
 * Starts a server process that prints `listening on <port>` once it accepts connections (or `ready.line`), and
 * resolves with its base URL. Fails with the process's own output when it exits or stays silent, so a broken
 * runtime says why.
 */
export function spawnServer(command: string, args: string[], options: SpawnOptions = {}): Promise<SpawnedServer> {
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`${command} ${args.join(' ')}: ${why}\n--- its output ---\n${output}`));
    };
    const timer = setTimeout(() => fail(`no ${options.ready?.line ?? '"listening on <port>"'} line in time`), options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = options.ready ? options.ready.line.exec(output) : /listening on (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ baseUrl: options.ready?.baseUrl ?? `http://127.0.0.1:${match[1]}`, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
    child.once('error', (error) => fail(error.message));
  });
}
