// An Express API with express-rate-limit on one route and none on another, as a team that
// limited its public endpoint and forgot the next one would have it.
// Run: node active.js PORT
'use strict';
const express = require('express');
const { rateLimit } = require('express-rate-limit');

const port = Number(process.argv[2]);
const app = express();

app.get('/', (req, res) => res.json({ service: 'active' }));
app.use('/api/limited', rateLimit({ windowMs: 60_000, limit: 20, standardHeaders: 'draft-7', legacyHeaders: true }));
app.get('/api/limited', (req, res) => res.json({ items: [] }));
app.get('/api/open', (req, res) => res.json({ items: [] }));

const server = app.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
