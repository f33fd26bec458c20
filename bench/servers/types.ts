/** A benchmark server in its child process: where it listens, and how many deliveries it accepted. */
export interface BenchServer {
  port: number;
  handled: () => Promise<number>;
}
