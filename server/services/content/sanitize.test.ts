/**
 * The OWASP XSS filter-evasion cheat sheet, vector by vector: whatever survives the
 * sanitizer must carry no script — no script/style/frame elements, no event handler or
 * style attribute, and no URL with a scheme other than http, https or mailto.
 */
import { describe, expect, it } from 'vitest';
import { sanitizeLessonHtml } from './sanitize';

const VECTORS: string[] = [
  `<SCRIPT SRC=https://xss.rocks/xss.js></SCRIPT>`,
  `<script>alert('XSS')</script>`,
  `'';!--"<XSS>=&{()}`,
  `<IMG SRC="javascript:alert('XSS');">`,
  `<IMG SRC=javascript:alert('XSS')>`,
  `<IMG SRC=JaVaScRiPt:alert('XSS')>`,
  '<IMG SRC=`javascript:alert("RSnake says, \'XSS\'")`>',
  `<a onmouseover="alert(document.cookie)">xxs link</a>`,
  `<a onmouseover=alert(document.cookie)>xxs link</a>`,
  `<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>`,
  `<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>`,
  `<IMG SRC=# onmouseover="alert('xxs')">`,
  `<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>`,
  `<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">`,
  `<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>`,
  `<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>`,
  `<IMG SRC="jav\tascript:alert('XSS');">`,
  `<IMG SRC="jav&#x09;ascript:alert('XSS');">`,
  `<IMG SRC="jav&#x0A;ascript:alert('XSS');">`,
  `<IMG SRC="jav&#x0D;ascript:alert('XSS');">`,
  `<IMG SRC=" &#14;  javascript:alert('XSS');">`,
  `<a href="jav&#x09;ascript:alert('XSS')">tab-split link</a>`,
  `<a href="  JaVaScRiPt:alert(1)">spaced link</a>`,
  `<a href="vbscript:msgbox('XSS')">vb</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4=">data</a>`,
  `<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`,
  `<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>`,
  `<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^\`=alert("XSS")>`,
  `<<SCRIPT>alert("XSS");//\\<</SCRIPT>`,
  `<SCRIPT SRC=http://xss.rocks/xss.js?< B >`,
  `<IMG SRC="\`<javascript:alert>\`('XSS')"`,
  `<iframe src=http://xss.rocks/scriptlet.html <`,
  `</TITLE><SCRIPT>alert("XSS");</SCRIPT>`,
  `<INPUT TYPE="IMAGE" SRC="javascript:alert('XSS');">`,
  `<BODY BACKGROUND="javascript:alert('XSS')">`,
  `<svg/onload=alert('XSS')>`,
  `<svg><script>alert(1)</script></svg>`,
  `<BODY ONLOAD=alert('XSS')>`,
  `<IMG DYNSRC="javascript:alert('XSS')">`,
  `<STYLE>li {list-style-image: url("javascript:alert('XSS')");}</STYLE><UL><LI>XSS</br>`,
  `<LINK REL="stylesheet" HREF="javascript:alert('XSS');">`,
  `<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert('XSS');">`,
  `<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">`,
  `<IFRAME SRC="javascript:alert('XSS');"></IFRAME>`,
  `<FRAMESET><FRAME SRC="javascript:alert('XSS');"></FRAMESET>`,
  `<TABLE BACKGROUND="javascript:alert('XSS')"><tr><TD BACKGROUND="javascript:alert('XSS')">x</td></tr></TABLE>`,
  `<DIV STYLE="background-image: url(javascript:alert('XSS'))">`,
  `<DIV STYLE="width: expression(alert('XSS'));">`,
  `<p style="xss:expr/*XSS*/ession(alert('XSS'))">styled</p>`,
  `<IMG STYLE="xss:expr/*XSS*/ession(alert('XSS'))">`,
  `<BASE HREF="javascript:alert('XSS');//">`,
  `<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>`,
  `<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv MjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hs aW5rIiB2ZXJzaW9uPSIxLjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAw IiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+YWxlcnQoIlh TUyIpOzwvc2NyaXB0Pjwvc3ZnPg==" type="image/svg+xml" AllowScriptAccess="always"></EMBED>`,
  `<a href="http://example.com/" onclick="alert(1)" target="_self" class="x" id="y">fine link</a>`,
  `<img src="//evil.example/x.png" alt="protocol-relative">`,
  `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
  `<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
  `<form action="javascript:alert(1)"><button>go</button></form>`,
];

/** A URL attribute is safe when it has no scheme (relative) or one of ours. */
const SAFE_URL = /^(https?:|mailto:|[^:]*$)/i;

function findScript(html: string): string | null {
  if (
    /<\s*(script|style|iframe|frame|frameset|object|embed|svg|math|meta|link|base|body|form|input)\b/i.test(
      html,
    )
  )
    return 'a forbidden element';
  if (/\s(on[a-z]+|style|background|dynsrc|class|id)\s*=/i.test(html)) return 'a forbidden attribute';
  for (const match of html.matchAll(/\s(href|src)\s*=\s*"([^"]*)"/gi)) {
    const decoded = (match[2] ?? '').replace(/&#x?[0-9a-f]+;?/gi, '').replace(/\s/g, '');
    if (!SAFE_URL.test(decoded) || decoded.startsWith('//')) return `an unsafe URL ${match[2] ?? ''}`;
  }
  return null;
}

describe('sanitizeLessonHtml', () => {
  it('is tested with at least 25 evasion vectors', () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(VECTORS)('leaves no script in %s', (vector) => {
    const clean = sanitizeLessonHtml(vector);
    expect(findScript(clean), clean).toBeNull();
    // Sanitizing is stable: a second pass (on render) changes nothing.
    expect(sanitizeLessonHtml(clean)).toBe(clean);
  });

  it('keeps the formatting instructors use', () => {
    const html =
      '<h2>Intro</h2><p><strong>Bold</strong>, <em>em</em>, <u>u</u>, <s>s</s> and <code>x</code></p>' +
      '<pre><code>let a = 1;</code></pre><blockquote>quote</blockquote><ul><li>one</li></ul><ol><li>two</li></ol>' +
      '<hr /><table><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table>' +
      '<img src="https://example.com/a.png" alt="A" title="t" />';
    expect(sanitizeLessonHtml(html)).toBe(html);
  });

  it('makes links open safely elsewhere and keeps mailto', () => {
    expect(sanitizeLessonHtml('<a href="https://example.com" title="t">x</a>')).toBe(
      '<a href="https://example.com" title="t" rel="noopener noreferrer nofollow" target="_blank">x</a>',
    );
    expect(sanitizeLessonHtml('<a href="mailto:ada@example.com">mail</a>')).toContain(
      'href="mailto:ada@example.com"',
    );
    expect(sanitizeLessonHtml('<img src="mailto:ada@example.com">')).toBe('<img />');
  });
});

describe('empty paragraphs', () => {
  it('are dropped on save, like the one a browser leaves beside a list', () => {
    expect(sanitizeLessonHtml('<ul><li>One</li><li>Two</li></ul><p></p>')).toBe(
      '<ul><li>One</li><li>Two</li></ul>',
    );
    expect(
      sanitizeLessonHtml('<p>Intro</p><p><br></p><p>&nbsp;</p><p> \u200b </p><h2><br/></h2><p>End</p>'),
    ).toBe('<p>Intro</p><p>End</p>');
    expect(sanitizeLessonHtml('<p><strong><em></em></strong><br></p><ol><li>x</li></ol>')).toBe(
      '<ol><li>x</li></ol>',
    );
  });

  it('keep paragraphs that hold an image, a line break between words or code', () => {
    const kept =
      '<p><img src="https://example.org/a.png" alt="A cell" /></p><p>a<br />b</p><pre><code>\n</code></pre>';
    expect(sanitizeLessonHtml(kept)).toBe(kept);
    expect(
      sanitizeLessonHtml('<p><a href="https://example.org"><img src="https://example.org/a.png" /></a></p>'),
    ).toBe(
      '<p><a href="https://example.org" rel="noopener noreferrer nofollow" target="_blank"><img src="https://example.org/a.png" /></a></p>',
    );
  });

  it('is stable: cleaning clean content again changes nothing', () => {
    const once = sanitizeLessonHtml('<blockquote><p></p><p>Said</p></blockquote><p><br></p>');
    expect(once).toBe('<blockquote><p>Said</p></blockquote>');
    expect(sanitizeLessonHtml(once)).toBe(once);
  });
});
