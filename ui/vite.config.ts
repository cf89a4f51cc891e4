import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The desktop shell loads ui/dist; `npm run dev` serves the same files for live editing.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  build: { target: "es2022", outDir: "dist", emptyOutDir: true, sourcemap: false },
  test: { environment: "jsdom", include: ["src/**/*.test.ts", "src/**/*.test.tsx"] },
});
