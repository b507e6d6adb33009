// Reads a server-sent events stream with fetch (as a page would with
// EventSource), until the event named `until` or the end of the stream.
export interface ReceivedEvent {
  event: string;
  data: any;
}

export async function readEvents(url: string, { cookie, until = 'done' }: { cookie: string; until?: string }): Promise<{ status: number; contentType: string | null; events: ReceivedEvent[] }> {
  const response = await fetch(url, { headers: { cookie, accept: 'text/event-stream' } });
  const events: ReceivedEvent[] = [];
  if (!response.ok || response.body === null) return { status: response.status, contentType: response.headers.get('content-type'), events };
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
        const data = block.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
        if (data === '') continue;
        events.push({ event, data: JSON.parse(data) });
        if (event === until) return { status: response.status, contentType: response.headers.get('content-type'), events };
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return { status: response.status, contentType: response.headers.get('content-type'), events };
}
