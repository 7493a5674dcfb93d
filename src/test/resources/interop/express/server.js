// An Express service as teams write them: JSON health probes, prom-client metrics and a JSON endpoint.
// Run: node server.js PORT [FAULT]; FAULT metrics-json makes /metrics answer prom-client's JSON.
// Errors go to Express's default handler, which sends the stack unless NODE_ENV is production.
// The header checks' modes add a home page that sets a session cookie, and: helmet-defaults,
// helmet() as its README shows it with cors() for one origin; hardened, helmet with a strict
// style-src and a Permissions-Policy; open, no helmet and cors({ origin: true, credentials: true }).
'use strict';
const express = require('express');
const client = require('prom-client');

const port = Number(process.argv[2]);
const fault = process.argv[3] || '';

client.collectDefaultMetrics();
const requests = new client.Counter({ name: 'app_requests_total', help: 'Requests served, by endpoint.', labelNames: ['endpoint'] });

const app = express();
// JSON bodies as most apps take them: the JSON parser with body-parser's default limit.
app.use(express.json());
app.use((req, res, next) => {
  requests.inc({ endpoint: req.path });
  next();
});
const SESSION = 'Zm9vYmFyYmF6cXV4cXV1eA';
if (fault === 'helmet-defaults' || fault === 'hardened') {
  const helmet = require('helmet');
  const cors = require('cors');
  app.use(fault === 'hardened'
    ? helmet({ contentSecurityPolicy: { directives: { 'style-src': ["'self'"] } } })
    : helmet());
  if (fault === 'hardened') {
    app.use((req, res, next) => {
      res.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
      next();
    });
  }
  app.use(cors({ origin: ['https://app.example.com'], credentials: true }));
  app.get('/', (req, res) => {
    res.cookie('sessionid', SESSION, { secure: true, httpOnly: true, sameSite: 'lax' });
    res.send('<!doctype html><title>app</title><p>home</p>');
  });
} else if (fault === 'open') {
  const cors = require('cors');
  app.use(cors({ origin: true, credentials: true }));
  app.get('/', (req, res) => {
    res.cookie('sessionid', SESSION);
    res.send('<!doctype html><title>app</title><p>home</p>');
  });
}
app.get('/health', (req, res) => res.json({ status: 'ok' }));
app.get('/health/ready', (req, res) => res.json({ status: 'ready' }));
app.get('/health/live', (req, res) => res.json({ status: 'alive' }));
app.post('/orders', (req, res) => res.status(201).json({ fields: Object.keys(req.body).length }));
app.get('/api/items', (req, res) => res.json({ items: [] }));
app.post('/api/items', (req, res) => res.status(201).json({ id: 1, name: req.body.name }));
app.get('/metrics', async (req, res) => {
  if (fault === 'metrics-json') {
    res.json(await client.register.getMetricsAsJSON());
    return;
  }
  res.set('Content-Type', client.register.contentType);
  res.send(await client.register.metrics());
});

const server = app.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
