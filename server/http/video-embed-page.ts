/**
 * The HTML of the one-time player page and of its refusals. The page is tiny on
 * purpose: the privacy-enhanced YouTube frame, the IFrame Player API to follow playback,
 * and a reporter that sends watch time with the page's progress token every ~10 s and
 * on pause, end and leaving (a visitor's page has no token and reports nothing). Where
 * YouTube cannot be reached (school networks often block it) the frame would show the
 * browser's broken-page icon; instead, when the IFrame API fails to load or the player
 * is not ready within 15 s, the page says so in words. Right-click and dev-tools shortcuts are blocked as a
 * deterrent only (README, "Security model"): the video ID is in the frame's address.
 */
import type { EmbedPlayback } from '../services/video/embed';
import { YOUTUBE_PLAYER } from './security-headers';

const IFRAME_API = 'https://www.youtube.com/iframe_api';
/** How long the player may take to be ready before the page says the video could not load. */
export const LOAD_TIMEOUT_MS = 15_000;

/** The embed page's own policy: it may be framed by Aurora only, and frames YouTube only. */
export function embedPagePolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' https://www.youtube.com https://s.ytimg.com`,
    `style-src 'nonce-${nonce}'`,
    "img-src 'self' data:",
    `frame-src ${YOUTUBE_PLAYER}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

const STYLE = `html,body{margin:0;height:100%;background:#0b0d12;color:#e8eaf0;font:16px/1.5 system-ui,sans-serif}
iframe{display:block;border:0;width:100%;height:100%}
.notice{box-sizing:border-box;height:100%;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:.5rem;padding:1.5rem;text-align:center}
.notice strong{font-size:1.1rem}
.notice a{color:#9ecbff}
[hidden]{display:none!important}`;

/** Reports watch time; written as plain ES2017 because it runs without a build step. */
const PLAYER_SCRIPT = `(function () {
  var config = JSON.parse(document.getElementById('aurora-video').textContent);
  var player = null;
  var timer = null;
  var lastSent = -1;
  var ready = false;
  var frame = document.getElementById('player');
  var failed = document.getElementById('load-failed');
  function showFailure() {
    if (ready) return;
    frame.hidden = true;
    failed.hidden = false;
  }
  function loaded() {
    ready = true;
    clearTimeout(failTimer);
    failed.hidden = true;
    frame.hidden = false;
  }
  var failTimer = setTimeout(showFailure, config.loadTimeoutMs);
  document.addEventListener('error', function (event) {
    var target = event.target;
    if (target && target.tagName === 'SCRIPT' && target.src === config.iframeApi) showFailure();
  }, true);
  function send(keepalive) {
    if (!config.progressToken) return;
    if (!player || typeof player.getCurrentTime !== 'function') return;
    var watched = Math.floor(player.getCurrentTime() || 0);
    var total = Math.floor(player.getDuration() || config.durationSeconds || 0);
    if (watched === lastSent) return;
    lastSent = watched;
    fetch('/api/trpc/video.progress', {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: keepalive,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { progressToken: config.progressToken, watchedSeconds: watched, totalSeconds: total } })
    }).then(function (response) { return response.json(); }).then(function (body) {
      var result = body && body.result && body.result.data && body.result.data.json;
      if (!result) return;
      document.documentElement.dataset.watchedSeconds = String(result.watchedSeconds);
      if (window.parent !== window) {
        window.parent.postMessage({
          type: 'aurora:video-progress',
          lessonId: config.lessonId,
          percent: result.percent,
          watchedSeconds: result.watchedSeconds,
          lessonCompleted: result.lessonCompleted
        }, location.origin);
      }
    }).catch(function () { lastSent = -1; });
  }
  window.onYouTubeIframeAPIReady = function () {
    player = new YT.Player('player', { events: { onReady: loaded, onStateChange: function (event) {
      loaded();
      if (event.data === YT.PlayerState.PLAYING) {
        if (!timer) timer = setInterval(function () { send(false); }, 10000);
        return;
      }
      clearInterval(timer);
      timer = null;
      if (event.data === YT.PlayerState.PAUSED || event.data === YT.PlayerState.ENDED) send(false);
    } } });
  };
  window.addEventListener('pagehide', function () { send(true); });
  document.addEventListener('contextmenu', function (event) { event.preventDefault(); });
  document.addEventListener('keydown', function (event) {
    var key = event.key || '';
    var modifier = event.ctrlKey || event.metaKey;
    if (key === 'F12' || (modifier && event.shiftKey && /^[ijc]$/i.test(key)) || (modifier && /^[us]$/i.test(key))) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
})();`;

export function renderEmbedPage(playback: EmbedPlayback, input: { nonce: string; origin: string }): string {
  const params = new URLSearchParams({
    enablejsapi: '1',
    origin: input.origin,
    rel: '0',
    playsinline: '1',
    modestbranding: '1',
  });
  if (playback.startSeconds > 0) params.set('start', String(playback.startSeconds));
  const src = `${YOUTUBE_PLAYER}/embed/${encodeURIComponent(playback.videoId)}?${params.toString()}`;
  const config = {
    lessonId: playback.lessonId,
    progressToken: playback.progressToken,
    durationSeconds: playback.durationSeconds,
    loadTimeoutMs: LOAD_TIMEOUT_MS,
    iframeApi: IFRAME_API,
  };
  const retry = `/api/video/player/${encodeURIComponent(playback.lessonId)}`;
  const nonce = escapeHtml(input.nonce);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow"><title>Video: ${escapeHtml(playback.lessonTitle)}</title>
<style nonce="${nonce}">${STYLE}</style></head>
<body><iframe id="player" title="Video: ${escapeHtml(playback.lessonTitle)}" src="${escapeHtml(src)}"
 allow="autoplay; encrypted-media; fullscreen; picture-in-picture" allowfullscreen
 referrerpolicy="strict-origin-when-cross-origin"></iframe>
<div class="notice" id="load-failed" role="alert" hidden><strong>The video could not load.</strong>
<span>Your network may block YouTube. The lesson’s text is still on the page.</span>
<a href="${escapeHtml(retry)}">Try again</a></div>
<script nonce="${nonce}" id="aurora-video" type="application/json">${scriptJson(config)}</script>
<script nonce="${nonce}">${PLAYER_SCRIPT}</script>
<script nonce="${nonce}" src="${IFRAME_API}" async></script>
</body></html>`;
}

/** A refusal shown inside the lesson's player frame. */
export function renderEmbedNotice(input: { nonce: string; title: string; message: string }): string {
  const nonce = escapeHtml(input.nonce);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow"><title>${escapeHtml(input.title)}</title>
<style nonce="${nonce}">${STYLE}</style></head>
<body><div class="notice" role="alert"><strong>${escapeHtml(input.title)}</strong><span>${escapeHtml(input.message)}</span></div></body></html>`;
}
