import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { api } from "./api";
import { ToastProvider } from "./components/Toast";
import "./styles.css";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ToastProvider>
      <App />
    </ToastProvider>
  </StrictMode>,
);

// Two frames after mounting, the first screen has been painted: tell the shell (start-up timing).
requestAnimationFrame(() => requestAnimationFrame(() => void api.uiReady().catch(() => undefined)));
