// Entry point of the web service: the embedded default when no database is
// configured, the store, the chat, the HTTP app; stops cleanly on a signal.
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createChat, type Chat } from './chat/conversation.ts';
import type { Config } from './config.ts';
import { startEmbedded, type EmbeddedServer } from './db/embedded.ts';
import { healthCheck } from './db/health-check.ts';
import { registerPoolMetrics } from './db/pool-metrics.ts';
import { createApp } from './http/app.ts';
import { createLogger } from './logger.ts';
import { createPhraser, modelSettingsFrom, withheldFromConfig } from './llm/phraser.ts';
import { createProbe } from './probe/service.ts';
import { openConversationStore, type ConversationStore } from './store/conversation-store.ts';

// Where the service's logger is made; tests build the same one.
export { createLogger } from './logger.ts';

export interface RunningService {
  /** Base URL the service answers on. */
  url: string;
  /** The database under triage (the embedded demo database when DATABASE_URL is unset). */
  targetUrl: string;
  close(): Promise<void>;
}

export async function startService({ config, logger = createLogger(config) }: { config: Readonly<Config>; logger?: Logger }): Promise<RunningService> {
  const startedAt = performance.now();
  let embedded: EmbeddedServer | null = null;
  let store: ConversationStore | null = null;
  let server: Server | null = null;
  let chat: Chat | null = null;
  try {
    if (config.storeUrl === null || config.databaseUrl === null) {
      embedded = await startEmbedded({ dataDir: config.dataDir, port: config.embeddedPort, log: (line) => logger.info(line) });
    }
    const storeUrl = config.storeUrl ?? (embedded as EmbeddedServer).storeUrl;
    store = await openConversationStore({ pool: { ...config.pool, name: 'store', connectionString: storeUrl }, logger });
    const metrics = new Registry();
    collectDefaultMetrics({ register: metrics, prefix: 'pgtriage_' });
    registerPoolMetrics(store.pool, metrics);
    await healthCheck(store.pool);
    const openStore = store;
    const probe = createProbe(
      {
        url: config.databaseUrl ?? (embedded as EmbeddedServer).demoUrl,
        source: config.databaseUrl === null ? 'embedded' : 'DATABASE_URL',
        allowWrites: config.probeAllowWrites,
        expectedTables: config.probeExpectedTables,
        timeoutMs: config.probeTimeoutMs,
        pool: config.pool,
      },
      { logger },
    );
    const phraser = createPhraser({ model: modelSettingsFrom(config.openai), logger, withheld: withheldFromConfig(config) });
    chat = createChat({ store, logger, phraser, probe });
    const app = createApp({
      chat,
      logger,
      metrics,
      token: config.token,
      checkStore: () => openStore.ping(),
      allowedHosts: config.allowedHosts,
      writesPerMinute: config.rateLimitWritesPerMinute,
      hits: store,
      ownerKey: await store.sharedSecret('owner-cookie'),
      requestTimeoutMs: config.requestTimeoutMs,
      probe,
    });
    server = await listen(app, config.host, config.port);
  } catch (error) {
    await server?.close();
    await store?.close();
    await embedded?.stop();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, embedded: embedded !== null, firstRun: embedded?.created ?? false, readyMs: Math.round(performance.now() - startedAt) }, 'pgtriage ready');

  const running = { server, store, embedded, chat: chat as Chat };
  return {
    url,
    targetUrl: config.databaseUrl ?? (embedded as EmbeddedServer).demoUrl,
    async close() {
      // Drain: no new connections, idle keep-alive ones closed, requests in
      // flight answered (each within requestTimeoutMs), then the rest cut.
      // Model calls are ended meanwhile, so phrasing streams finish with their offline text.
      const drained = new Promise<void>((resolve) => {
        const cut = setTimeout(() => running.server.closeAllConnections(), config.requestTimeoutMs);
        running.server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        running.server.closeIdleConnections();
      });
      await Promise.all([drained, running.chat.close()]);
      await running.store.close();
      await running.embedded?.stop();
    },
  };
}

function listen(app: import('express').Express, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? Object.assign(new Error(`PORT: ${host}:${port} is in use; set PORT to a free port or stop the other service`), { code: error.code })
          : error,
      );
    });
  });
}
