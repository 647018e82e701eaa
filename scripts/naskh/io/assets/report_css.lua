-- naskh.io.assets.report_css: the style sheet of the HTML report (data: one string, embedded
-- in the binary like every file under scripts/; naskh.io.html puts it in the page's <style>).
return [[
:root{--fg:#1d1f23;--muted:#5f6670;--bg:#fbfaf7;--card:#fff;--line:#e4e0d6;--accent:#0f5e73;
--hl:#ffe58a;--warn:#b45309;--warnbg:#fff4e5;--err:#b42318;--errbg:#fdecea;
--pers:#dbeafe;--pers-b:#3b82f6;--org:#dcfce7;--org-b:#16a34a;--loc:#fde7d9;--loc-b:#ea580c;
--norp:#f3e8ff;--norp-b:#9333ea;--misc:#eceff3;--misc-b:#64748b;--date:#7c3aed;--quote:#0b6e4f}
@media (prefers-color-scheme:dark){:root{--fg:#e7e5e0;--muted:#a3a8b0;--bg:#17181b;--card:#202227;
--line:#34363c;--accent:#6cc3d9;--hl:#6b5b12;--warnbg:#3a2a12;--errbg:#3d1b18;--pers:#1e3a5f;
--org:#14432a;--loc:#4a2a17;--norp:#3b2457;--misc:#30343b;--date:#c4a5ff;--quote:#6fd3ad}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{margin:0;font-family:"Noto Naskh Arabic","Amiri","Scheherazade New","Noto Sans Arabic","Geeza Pro",
"Traditional Arabic","Arabic Typesetting","Segoe UI","Tahoma","DejaVu Sans",sans-serif;
font-size:19px;line-height:1.9;text-rendering:optimizeLegibility}
.wrap{max-width:48rem;margin:0 auto;padding:2.5rem 1.5rem 4rem}
a{color:var(--accent);text-decoration:none}
a:hover{text-decoration:underline}
bdi.l,.l{font-family:"DejaVu Sans Mono",ui-monospace,monospace;font-size:.78em;direction:ltr;unicode-bidi:isolate}
header.top{border-bottom:3px double var(--line);margin-bottom:1.5rem;padding-bottom:1rem}
header.top h1{font-size:2rem;line-height:1.4;margin:0 0 .3rem}
.stats{color:var(--muted);font-size:.9rem;margin:0}
.stats span+span::before{content:" · "}
.stats.stages{font-size:.8rem;margin-top:.2rem}
h2{font-size:1.35rem;margin:2.4rem 0 .8rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
h3{font-size:1.1rem;margin:1.2rem 0 .4rem}
nav.toc{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.8rem 1.2rem;font-size:.95rem}
nav.toc ol{margin:.2rem 0;padding-inline-start:1.4rem}
nav.toc .sections a{margin-inline-end:1rem;white-space:nowrap;display:inline-block}
.legend{display:flex;flex-wrap:wrap;gap:.4rem .9rem;align-items:center;font-size:.9rem;color:var(--muted);
margin:1rem 0 0}
.legend b{color:var(--fg);font-weight:600;margin-inline-end:.2rem}
.ent{border-radius:4px;padding:0 .12em;background:var(--misc);box-shadow:inset 0 -2px 0 var(--misc-b);
-webkit-box-decoration-break:clone;box-decoration-break:clone}
.t-PERS,.t-PER,.t-PERSON{background:var(--pers);box-shadow:inset 0 -2px 0 var(--pers-b)}
.t-ORG{background:var(--org);box-shadow:inset 0 -2px 0 var(--org-b)}
.t-LOC,.t-GPE{background:var(--loc);box-shadow:inset 0 -2px 0 var(--loc-b)}
.t-NORP{background:var(--norp);box-shadow:inset 0 -2px 0 var(--norp-b)}
mark.ent{color:inherit}
.date{border-bottom:2px dotted var(--date);color:inherit}
.q{color:var(--quote)}
.q.r{color:inherit;text-decoration:underline dashed var(--quote);text-underline-offset:.3em}
.src{background:linear-gradient(transparent 55%,var(--hl) 55%)}
.src:target,.snt:target,.q:target,.tgt:target{outline:2px solid var(--accent);outline-offset:2px;border-radius:3px}
sup.ref{font-size:.65em;line-height:0;margin-inline-start:.15em}
sup.ref a{background:var(--accent);color:#fff;border-radius:1em;padding:0 .4em;font-family:sans-serif}
.chip{display:inline-block;border-radius:4px;padding:0 .35em;line-height:1.6}
.summary{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.4rem 1rem 1.2rem;
margin:0;font-size:1.08rem}
.summary li{margin:.35rem 0;padding-inline-start:.2rem}
.summary li::marker{color:var(--muted);font-size:.85em}
.cite{font-size:.8rem;white-space:nowrap;margin-inline-start:.35rem;color:var(--muted)}
.cite a{border:1px solid var(--line);border-radius:1em;padding:0 .5em;background:var(--bg)}
.note{color:var(--muted);font-size:.88rem;margin:.4rem 0}
ol.timeline{list-style:none;margin:0;padding:0;border-inline-start:2px solid var(--line)}
ol.timeline li{position:relative;padding:.2rem 1.2rem .6rem 0;padding-inline-start:1.2rem;padding-inline-end:0}
ol.timeline li::before{content:"";position:absolute;inset-inline-start:-7px;top:.75rem;width:12px;height:12px;
border-radius:50%;background:var(--card);border:2px solid var(--date)}
ol.timeline time{display:block;font-weight:700;color:var(--date);font-size:.95rem}
ol.timeline ul{margin:.1rem 0 .3rem;padding-inline-start:1rem;font-size:.95rem;line-height:1.8}
ol.timeline ul li{padding:0;margin:.15rem 0}
ol.timeline ul li::before{display:none}
ol.timeline li.more{list-style:none}
.when{font-size:.78rem;color:var(--date);border:1px solid var(--line);border-radius:1em;padding:0 .45em;
margin-inline-start:.3rem;white-space:nowrap}
.speaker-group{margin:1rem 0 1.4rem}
.speaker-group h3{display:flex;gap:.5rem;align-items:baseline}
.speaker-group h3 .n{color:var(--muted);font-weight:400;font-size:.85rem}
figure.quote{margin:.4rem 0;padding:.3rem .9rem .35rem;line-height:1.8;background:var(--card);border:1px solid var(--line);
border-inline-start:4px solid var(--quote);border-radius:6px;break-inside:avoid}
figure.quote blockquote{margin:0}
figure.quote blockquote::before{content:"«";color:var(--quote)}
figure.quote blockquote::after{content:"»";color:var(--quote)}
figure.quote.reported{border-inline-start-style:dashed;background:transparent}
figure.quote.reported blockquote{font-style:italic}
figure.quote.reported blockquote::before,figure.quote.reported blockquote::after{content:none}
figure.quote .kind{font-weight:600;color:var(--quote)}
.t-UNK{background:transparent;box-shadow:inset 0 0 0 1px var(--line)}
.stage table{border-collapse:collapse;margin:.3rem 0 .8rem;font-size:.9rem}
.stage th,.stage td{border:1px solid var(--line);padding:.1rem .6rem;text-align:start}
.stage th{background:var(--card);font-weight:600}
.stage h4{font-size:1rem;margin:.6rem 0 .2rem}
figure.quote figcaption{font-size:.8rem;color:var(--muted);line-height:1.5}
details.more>summary{cursor:pointer;color:var(--accent);font-size:.88rem;margin:.3rem 0}
.ents .row{margin:.3rem 0;line-height:2.2}
.ents .row>b{display:inline-block;min-width:7rem;color:var(--muted);font-weight:600;font-size:.9rem}
.ents .chip{margin-inline-end:.3rem}
.ents .chip small{color:var(--muted);margin-inline-start:.25em}
article.doc{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:1.2rem 1.6rem 1.4rem;
margin:1.4rem 0}
article.doc>header h3{margin:0;font-size:1.25rem;line-height:1.5}
article.doc>header h3 .num{display:inline-block;min-width:1.8em;height:1.8em;line-height:1.8em;text-align:center;
border-radius:50%;background:var(--accent);color:#fff;font-size:.8rem;margin-inline-end:.5rem;vertical-align:middle;
font-family:sans-serif}
article.doc .meta{color:var(--muted);font-size:.85rem;margin:.2rem 0 .6rem}
article.doc .meta span+span::before{content:" · "}
article.outlier{border-color:var(--warn);border-inline-start-width:6px}
.badge{display:inline-block;font-size:.75rem;font-weight:700;border-radius:1em;padding:0 .6em;
background:var(--warnbg);color:var(--warn);border:1px solid var(--warn);margin-inline-start:.5rem;vertical-align:middle}
.callout{border-radius:8px;padding:.5rem .9rem;margin:.6rem 0;font-size:.92rem}
.callout.warn{background:var(--warnbg);color:var(--fg);border-inline-start:4px solid var(--warn)}
.callout.err{background:var(--errbg);border-inline-start:4px solid var(--err)}
.body p{margin:0 0 .9rem}
details.dropped{margin:.4rem 0 .9rem;border:1px dashed var(--line);border-radius:8px;padding:.2rem .8rem;
color:var(--muted);font-size:.88rem}
details.dropped summary{cursor:pointer}
details.dropped .why{display:inline-block;font-size:.8rem;border:1px solid var(--line);border-radius:1em;
padding:0 .5em;margin-inline-start:.4rem}
details.dropped .gone{text-decoration:line-through;text-decoration-color:var(--line);margin:.3rem 0}
.stage{margin:.8rem 0}
.docsum{margin:.2rem 0 1rem;font-size:.95rem}
.docsum summary{cursor:pointer;color:var(--accent);font-size:.9rem}
.docsum ol{margin:.3rem 0;padding-inline-start:1.6rem;border-inline-start:3px solid var(--line)}
footer{margin-top:3rem;color:var(--muted);font-size:.8rem;text-align:center}
@media (max-width:640px){body{font-size:17px}.wrap{padding:1.2rem .9rem}article.doc{padding:1rem}}
@media print{html,body{background:#fff;color:#000}body{font-size:12pt;line-height:1.7}
.wrap{max-width:none;padding:0}nav.toc,sup.ref{display:none}a{color:inherit}
article.doc{border:none;border-top:1px solid #999;border-radius:0;padding:.6rem 0;break-before:page}
article.doc.outlier{border-inline-start:4px solid #b45309;padding-inline-start:.6rem}
.summary,figure.quote{break-inside:avoid}h2,h3{break-after:avoid}
.ent,.src,.badge,.chip,sup.ref a{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
]]
