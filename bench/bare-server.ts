/**
 * The baseline server of bench/http.ts: a bare Fastify route that answers the bytes of a file given
 * on the command line, with the same content type — what serving an answer costs with no platform work.
 * Usage: tsx bench/bare-server.ts <port> <file> <content-type>
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [port, file, type] = process.argv.slice(2);
const bytes = readFileSync(file);
const app = Fastify({ logger: false });
app.get('/bare', (_req, reply) => reply.type(type).send(bytes));
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write('ready\n');
