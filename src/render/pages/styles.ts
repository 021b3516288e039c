// The one inline stylesheet shared by index.html, article pages and feed.xsl. System fonts only.

export const pageCss = `
:root{color-scheme:light dark;--bg:#fbfbf9;--fg:#1c1d1f;--muted:#595c63;--line:#dcdcd6;--card:#ffffff;--accent:#0b5cad;--accent-bg:#e7f0fa;--bad:#a4161a;--bad-bg:#fdecec;--warn:#8a4b00;--warn-bg:#fff4e0;--focus:#b35c00}
@media (prefers-color-scheme:dark){:root{--bg:#15171a;--fg:#e6e6e3;--muted:#a5a9b0;--line:#34373d;--card:#1d2024;--accent:#8cc4ff;--accent-bg:#1d2a3a;--bad:#ff9b9b;--bad-bg:#3a1c1e;--warn:#ffc46b;--warn-bg:#35280f;--focus:#ffb454}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Hiragino Sans","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;font-size:1rem;line-height:1.7;overflow-wrap:anywhere;word-break:normal;line-break:strict}
:lang(zh-Hant),:lang(zh-TW),:lang(zh-HK){font-family:system-ui,-apple-system,"Segoe UI","PingFang TC","Noto Sans CJK TC","Source Han Sans TC","Microsoft JhengHei",sans-serif}
:lang(ja){font-family:system-ui,-apple-system,"Segoe UI","Hiragino Sans","Hiragino Kaku Gothic ProN","Noto Sans CJK JP","Source Han Sans JP","Yu Gothic UI",Meiryo,sans-serif}
:lang(ko){font-family:system-ui,-apple-system,"Segoe UI","Apple SD Gothic Neo","Noto Sans CJK KR","Source Han Sans KR","Malgun Gothic",sans-serif;word-break:keep-all}
a{color:var(--accent);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:2px}
.skip{position:absolute;left:-9999px;top:0}
.skip:focus{left:1rem;top:1rem;z-index:1;background:var(--card);padding:.25rem .5rem}
.wrap{max-width:48rem;margin:0 auto;padding:0 1rem}
header.site{border-bottom:1px solid var(--line);padding:1.5rem 0 1rem;margin-bottom:1.5rem}
header.site h1{font-size:1.75rem;line-height:1.3;margin:0 0 .25rem}
header.site p{margin:0 0 .75rem;color:var(--muted)}
.feeds,.outputs{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;margin:0;padding:0}
.feeds a,.outputs a{display:inline-block;padding:.2rem .7rem;border:1px solid var(--line);border-radius:999px;background:var(--card);text-decoration:none;font-size:.9rem}
.feeds a:hover,.outputs a:hover{border-color:var(--accent)}
.outputs{margin-top:.75rem}
.outputs a[aria-current]{background:var(--accent-bg);border-color:var(--accent);font-weight:600}
.hint{font-size:.85rem;color:var(--muted);margin:.6rem 0 0}
h2{font-size:1.25rem;line-height:1.4;margin:2rem 0 .75rem}
.filters{display:flex;flex-wrap:wrap;gap:.75rem 1rem;align-items:end;margin:0 0 .5rem}
.filters[hidden]{display:none}
.filters label{display:block;font-size:.85rem;color:var(--muted);margin-bottom:.15rem}
.filters input,.filters select{font:inherit;line-height:1.4;color:var(--fg);background:var(--card);border:1px solid var(--muted);border-radius:6px;padding:.35rem .5rem;min-width:12rem;max-width:100%}
.count{font-size:.9rem;color:var(--muted);margin:.25rem 0 1rem;min-height:1.5em}
.articles{list-style:none;margin:0;padding:0}
.articles>li{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.85rem 1rem;margin:0 0 .75rem}
.articles>li[hidden]{display:none}
.articles h2,.articles h3{font-size:1.08rem;line-height:1.5;margin:0}
.articles h2 a,.articles h3 a{text-decoration:none}
.articles h2 a:hover,.articles h3 a:hover{text-decoration:underline}
.meta{font-size:.85rem;color:var(--muted);margin:.2rem 0 0}
.meta>*+*::before{content:"·";margin:0 .4em}
.summary{margin:.4rem 0 0}
.empty{color:var(--muted)}
.table-scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;min-width:40rem;font-size:.9rem;background:var(--card)}
td time{white-space:nowrap}
th,td{text-align:start;vertical-align:top;padding:.4rem .6rem;border-bottom:1px solid var(--line)}
th{font-weight:600}
thead th{white-space:nowrap}
tbody th{min-width:8em}
tbody td:first-of-type{min-width:13em}
header.site .site-name{font-size:1.1rem;font-weight:600;margin:0 0 .75rem}
header.site .site-name a{color:var(--fg);text-decoration:none}
td.num{text-align:end;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:0 .5rem;border-radius:999px;font-size:.8rem;font-weight:600;white-space:nowrap}
.badge.ok{background:var(--accent-bg);color:var(--accent)}
.badge.failing{background:var(--warn-bg);color:var(--warn)}
.badge.dead{background:var(--bad-bg);color:var(--bad)}
tr.dead{background:var(--bad-bg)}
tr.dead th,tr.dead td{color:var(--bad)}
.error{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.8rem}
article.full h1{font-size:1.6rem;line-height:1.35;margin:0 0 .25rem}
.content{margin-top:1.25rem}
.content img,.content video{max-width:100%;height:auto}
.content pre{overflow-x:auto;white-space:pre-wrap}
.content table{display:block;overflow-x:auto;min-width:0;width:auto}
.content blockquote{margin:1rem 0;padding-inline-start:1rem;border-inline-start:3px solid var(--line);color:var(--muted)}
footer.site{border-top:1px solid var(--line);margin-top:2.5rem;padding:1rem 0 2rem;font-size:.85rem;color:var(--muted)}
footer.site p{margin:.25rem 0}
@media (max-width:30rem){header.site h1{font-size:1.45rem}.filters input,.filters select{min-width:0;width:100%}.filters>div{flex:1 1 100%}}
`.trim();
