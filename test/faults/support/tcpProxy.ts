// A TCP proxy in front of the team server that mistreats a share of the connections: refuses
// them, cuts them after part of the request, cuts them after the whole request reached the
// server (the answer is lost: the console cannot know whether its push was applied), or delays
// them. Each connection carries one request (the model consoles open one per request).
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export type ProxyFault = 'refuse' | 'cut-request' | 'lose-answer' | 'delay';

export type ProxyCounters = { connections: number } & Record<ProxyFault, number>;

export type TcpProxy = { url: string; counters: ProxyCounters; close(): Promise<void> };

export async function tcpProxy(
  target: { host: string; port: number },
  options: { faultShare: number; random: () => number; maxDelayMs: number },
): Promise<TcpProxy> {
  const counters: ProxyCounters = { connections: 0, refuse: 0, 'cut-request': 0, 'lose-answer': 0, delay: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    counters.connections += 1;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const fault: ProxyFault | null =
      options.random() < options.faultShare
        ? ((['refuse', 'cut-request', 'lose-answer', 'delay'] as const)[Math.floor(options.random() * 4)] ??
          'delay')
        : null;
    if (fault) counters[fault] += 1;
    if (fault === 'refuse') {
      client.destroy();
      return;
    }
    const upstream = createConnection(target);
    sockets.add(upstream);
    const delay = fault === 'delay' ? options.random() * options.maxDelayMs : 0;
    // Delayed or not, bytes keep their order, and a side closes only after what it was sent.
    const later = (work: () => void) => (delay > 0 ? setTimeout(work, delay) : work());
    upstream.on('close', () => {
      sockets.delete(upstream);
      later(() => client.end());
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.on('data', (chunk: Buffer) => {
      if (fault === 'cut-request') {
        // Half of the first chunk, then nothing: the server sees a request that never ends.
        upstream.write(chunk.subarray(0, Math.floor(chunk.length / 2)));
        setTimeout(() => client.destroy(), 5);
        return;
      }
      later(() => upstream.write(chunk));
    });
    upstream.on('data', (chunk: Buffer) => {
      // The request reached the server and was answered; the answer never arrives.
      if (fault === 'lose-answer') {
        client.destroy();
        return;
      }
      later(() => client.write(chunk));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    counters,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
