/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  clearScreen: false,
  envPrefix: ['VITE_', 'TAURI_ENV_'],
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WKWebView on macOS and WebKitGTK on Linux are the oldest engines we ship to.
    target: ['es2021', 'safari15'],
    sourcemap: false,
  },
  test: {
    // One worker per core. Vitest's default outside watch mode is one fewer
    // than the cores, which on a 2-core CI machine ran the 55 test files
    // one after another (each file gets its own jsdom and setup).
    maxWorkers: '100%',
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.ts'],
  },
});
