#!/usr/bin/env bash
# Prints a .env for docker compose with fresh secrets (see .env.example): bash scripts/compose-env.sh > .env
# Each run makes new ones: keep the first .env, the webhook key and the receipt key must stay the same (a new
# token key only ends the access tokens in flight).
set -euo pipefail
node -e '
const c = require("node:crypto");
const ed25519 = () => c.generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" });
const pem = ed25519();
const q = String.fromCharCode(39);
console.log(`INTERNAL_TOKEN=${c.randomBytes(32).toString("hex")}`);
console.log(`WEBHOOK_SECRET_KEY=${c.randomBytes(32).toString("base64")}`);
// Single quotes: compose takes the value as written, and the archive reads \n as a line break.
console.log(`RECEIPT_SIGNING_KEY=${q}${pem.trim().split("\n").join("\\n")}${q}`);
console.log(`CONSOLE_SESSION_SECRET=${c.randomBytes(32).toString("base64url")}`);
console.log(`CONSOLE_TOTP_KEY=${c.randomBytes(32).toString("base64")}`);
console.log(`TOKEN_SIGNING_KEY=${q}${ed25519().trim().split("\n").join("\\n")}${q}`);
'
