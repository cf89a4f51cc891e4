// Paste a robots.txt and try URLs against it, offline, exactly as OAI-AdsBot would read it.
import { useState } from "react";
import { api } from "../api";
import { STATUS_LABEL, type RobotsCheck } from "../bindings";
import { Badge } from "../components/Bits";
import { statusTone } from "../format";

export function RobotsView() {
  const [robots, setRobots] = useState("User-agent: *\nDisallow: /*?utm\n");
  const [agent, setAgent] = useState("OAI-AdsBot");
  const [url, setUrl] = useState("https://example.com/sale?utm_source=chatgpt&utm_medium=cpc");
  const [result, setResult] = useState<RobotsCheck | null>(null);
  const [error, setError] = useState<string | null>(null);

  const test = async () => {
    try {
      setResult(await api.checkRobots(robots, agent, url));
      setError(null);
    } catch (e) {
      setResult(null);
      setError((e as { message: string }).message);
    }
  };

  return (
    <div className="page-pad robots-view">
      <h1>robots.txt tester</h1>
      <p className="muted">
        Checks the exact URL, query string included, under RFC 9309 — the rules OpenAI's crawlers follow. Nothing is sent
        over the network.
      </p>
      <div className="two-col">
        <div>
          <label className="field-label" htmlFor="robots-text">
            robots.txt
          </label>
          <textarea id="robots-text" rows={14} spellCheck={false} value={robots} onChange={(e) => setRobots(e.target.value)} />
        </div>
        <div>
          <label className="field-label" htmlFor="robots-url">
            URL to test
          </label>
          <input id="robots-url" value={url} onChange={(e) => setUrl(e.target.value)} onKeyDown={(e) => e.key === "Enter" && void test()} />
          <label className="field-label" htmlFor="robots-agent">
            Crawler
          </label>
          <input id="robots-agent" value={agent} onChange={(e) => setAgent(e.target.value)} />
          <div className="row-end">
            <button className="button button-primary" onClick={() => void test()}>
              Test
            </button>
          </div>
          {error && <p className="error-text">{error}</p>}
          {result && (
            <div className="robots-result">
              <Badge tone={result.verdict.allowed ? "good" : "bad"}>{result.verdict.allowed ? "Allowed" : "Blocked"}</Badge>
              <ul className="finding-list">
                {result.findings.map((f, i) => (
                  <li key={i} className="finding">
                    <div className="finding-summary static">
                      <Badge tone={statusTone(f.status)}>{STATUS_LABEL[f.status]}</Badge>
                      <span className="finding-title">{f.title}</span>
                    </div>
                    <div className="finding-body">
                      {f.detail && <p>{f.detail}</p>}
                      {f.evidence.length > 0 && (
                        <dl className="evidence">
                          {f.evidence.map((e, j) => (
                            <div key={j}>
                              <dt>{e.label}</dt>
                              <dd>
                                <code>{e.value}</code>
                              </dd>
                            </div>
                          ))}
                        </dl>
                      )}
                      {f.remedy && f.status !== "pass" && (
                        <p className="remedy">
                          <strong>What to do: </strong>
                          {f.remedy}
                        </p>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
