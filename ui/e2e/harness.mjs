// Shared by the end-to-end tests and the UI benchmark: start the real
// actorgraph binary on a free port and a headless Debian Chromium.

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/**
 * @param {string} name
 * @param {string} [fallback]
 * @returns {string}
 */
export function env(name, fallback) {
  const v = process.env[name] ?? fallback;
  if (!v) throw new Error(`${name} is not set: run this through the Makefile (make ui-test / make bench-ui)`);
  return v;
}

/**
 * @typedef {object} Server
 * @property {string} url
 * @property {import("node:child_process").ChildProcess} proc
 * @property {string} dir
 * @property {() => string} log
 * @property {() => Promise<void>} stop
 */

/** A temporary directory for a store; removed by Server.stop. */
/** @param {string} prefix */
export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs `actorgraph load` into db; throws with its output when it fails. */
/**
 * @param {string} bin
 * @param {string} db
 * @param {string[]} paths
 * @returns {string}
 */
export function load(bin, db, paths) {
  const r = spawnSync(bin, ["load", "--db", db, "--quiet", ...paths], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`actorgraph load failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stderr;
}

/** Starts `actorgraph serve` on 127.0.0.1:0 and resolves with its URL, read from its log. */
/**
 * @param {string} bin
 * @param {string} db
 * @param {string} dir
 * @param {string[]} [extra]
 * @returns {Promise<Server>}
 */
export function serve(bin, db, dir, extra = []) {
  return new Promise((resolve, reject) => {
    const proc = spawn(bin, ["serve", "--db", db, "--addr", "127.0.0.1:0", ...extra], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error(`actorgraph serve did not report listening within 30 s:\n${out}`));
    }, 30_000);
    /** @param {Buffer} b */
    const onData = (b) => {
      out += b.toString();
      const m = /msg=listening addr=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        proc.stderr?.off("data", onData);
        proc.stderr?.on("data", (/** @type {Buffer} */ b2) => (out += b2.toString()));
        resolve({
          url: `http://${m[1]}/`,
          proc,
          dir,
          log: () => out,
          stop: () => new Promise((/** @type {(v?: void) => void} */ res) => {
            if (proc.exitCode !== null) {
              rmSync(dir, { recursive: true, force: true });
              return res();
            }
            proc.once("exit", () => {
              rmSync(dir, { recursive: true, force: true });
              res();
            });
            proc.kill("SIGTERM");
          }),
        });
      }
    };
    proc.stderr?.on("data", onData);
    proc.stdout?.on("data", (/** @type {Buffer} */ b) => (out += b.toString()));
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`actorgraph serve exited (${code}):\n${out}`));
    });
  });
}

/**
 * @param {string} executablePath
 * @returns {Promise<import("playwright-core").Browser>}
 */
export function launch(executablePath) {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
