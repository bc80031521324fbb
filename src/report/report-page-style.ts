import { STATUS_COLORS } from './status-colors.js';

const badges = Object.entries(STATUS_COLORS)
  .map(([status, color]) => `.badge.s-${status}{background:${color}}`)
  .join('');

/** The page's stylesheet, inlined (system fonts only: nothing is fetched). */
export const REPORT_PAGE_STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#212529}
body{margin:0 auto;max-width:1180px;padding:16px 20px}
h1{font-size:1.4rem;margin:0 0 4px}h2{font-size:1.1rem;margin:24px 0 6px}
.muted{color:#6c757d;font-size:.85rem}
.live{background:#fff3bf;border:1px solid #fab005;padding:6px 10px;border-radius:4px}
.facts{display:flex;flex-wrap:wrap;gap:6px 22px;margin:10px 0}.facts div{display:flex;gap:6px;align-items:baseline}
.facts dt{color:#6c757d;font-size:.8rem}.facts dd{margin:0;font-weight:600}
.badge{display:inline-block;min-width:1.6em;padding:1px 6px;border-radius:9px;color:#fff;font-size:.78rem;text-align:center;font-weight:600}
${badges}
.legend{display:flex;flex-wrap:wrap;gap:12px;font-size:.8rem;margin:4px 0 6px}.legend i{display:inline-block;width:12px;height:10px;margin-right:4px;border-radius:2px}
.scroll{overflow-x:auto}
#timeline text{font-size:10px;fill:#495057}#timeline .tick{text-anchor:middle}
#timeline .bar:hover rect{stroke:#212529;stroke-width:1}#timeline .bar.dim{opacity:.15}
#timeline rect.open{opacity:.8}
.plots{display:flex;flex-wrap:wrap;gap:8px}.plot{margin:0;border:1px solid #e9ecef;border-radius:4px;padding:4px}
.plot figcaption{font-size:.8rem;color:#495057;padding-left:4px}
.plot .dot{fill:#1c7ed6;fill-opacity:.75}.plot .dot.best{fill:#f08c00;stroke:#212529;stroke-width:1.5;fill-opacity:1}
.plot text{font-size:10px;fill:#495057}.plot .axis-label{font-size:11px}
.filters{display:flex;gap:16px;align-items:center;margin-bottom:6px;font-size:.85rem}
table{border-collapse:collapse;font-size:.82rem;width:100%}
th,td{border-bottom:1px solid #e9ecef;padding:3px 8px;text-align:left;vertical-align:top;white-space:nowrap}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
tr.best td{background:#fff4e6}tr.s-failed td,tr.s-timed-out td{background:#fff5f5}
tr:target td{outline:2px solid #1c7ed6}
td.reason{white-space:normal;max-width:420px}td.reason pre{white-space:pre-wrap;font-size:.75rem;background:#f8f9fa;padding:4px;margin:4px 0;max-height:12em;overflow:auto}
footer{margin-top:24px}
`;
