// Neon hostnames: ep-<adjective>-<noun>-<id>[-pooler].<region>.<cloud>.neon.tech
// (also neon.build for internal regions). The first label without `-pooler`
// is the endpoint ID, which Neon's proxy reads from TLS SNI; clients without
// SNI must pass it as `options=endpoint%3D<endpoint-id>`.
// Sources: https://neon.com/docs/connect/connection-pooling,
// https://neon.com/docs/connect/connection-errors#the-endpoint-id-is-not-specified

export interface NeonHost {
  readonly host: string;
  readonly endpointId: string;
  readonly pooled: boolean;
  /** The same host without `-pooler` (direct) or with it (pooled). */
  readonly directHost: string;
  readonly pooledHost: string;
}

const NEON = /^(ep-[a-z0-9-]+?)(-pooler)?(\.[a-z0-9.-]*\.neon\.(?:tech|build))\.?$/i;

export function readNeonHost(host: string): NeonHost | undefined {
  const m = NEON.exec(host);
  if (m === null) return undefined;
  const endpointId = (m[1] as string).toLowerCase();
  const rest = m[3] as string;
  return {
    host,
    endpointId,
    pooled: m[2] !== undefined,
    directHost: `${endpointId}${rest}`,
    pooledHost: `${endpointId}-pooler${rest}`,
  };
}

/** The endpoint named in an `options` value (`endpoint=ep-...` or legacy `project=`). */
export function endpointInOptions(options: string | undefined): string | undefined {
  if (options === undefined) return undefined;
  const m = /(?:^|\s)(?:endpoint|project)=([^\s]+)/.exec(options);
  return m?.[1];
}
