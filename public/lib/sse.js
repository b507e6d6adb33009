// Server-sent events read from a fetch response (html.spec.whatwg.org,
// "Server-sent events", parsing an event stream): a POST that streams cannot
// use EventSource, which only GETs. Each event's data is one JSON value.

/** Yields {event, data} for each event of the response body, in order. */
export async function* eventsOf(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = 'message';
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    for (let newline = buffer.indexOf('\n'); newline !== -1; newline = buffer.indexOf('\n')) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line === '') {
        if (data.length > 0) yield { event, data: JSON.parse(data.join('\n')) };
        event = 'message';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue; // a comment (keep-alive)
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const fieldValue = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = fieldValue;
      else if (field === 'data') data.push(fieldValue);
    }
  }
}
