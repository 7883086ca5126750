import { describe, expect, it } from 'vitest';
import { parseYouTubeLink } from './youtube-link';

const ID = 'dQw4w9WgXcQ';
const ID_WITH_SYMBOLS = 'a-B_c9-_Z01';

/** [input, the ID it yields] or [input, a word the refusal must contain]. */
type Row = { input: string; videoId: string } | { input: string; refusedWith: RegExp };

const rows: Row[] = [
  // Accepted: every form a browser's address bar or Share button gives.
  { input: `https://www.youtube.com/watch?v=${ID}`, videoId: ID },
  { input: `https://www.youtube.com/watch?v=${ID}&t=42s`, videoId: ID },
  {
    input: `https://www.youtube.com/watch?v=${ID}&list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG&index=3`,
    videoId: ID,
  },
  { input: `https://www.youtube.com/watch?feature=share&v=${ID}`, videoId: ID },
  { input: `youtube.com/watch?v=${ID}`, videoId: ID },
  { input: `www.youtube.com/watch?v=${ID}`, videoId: ID },
  { input: `http://www.youtube.com/watch?v=${ID}`, videoId: ID },
  { input: `https://youtu.be/${ID}`, videoId: ID },
  { input: `youtu.be/${ID}?t=30`, videoId: ID },
  { input: `https://youtu.be/${ID}?si=Abc123xyz`, videoId: ID },
  { input: `https://www.youtube.com/embed/${ID}`, videoId: ID },
  { input: `https://www.youtube.com/embed/${ID}?start=10`, videoId: ID },
  { input: `https://www.youtube.com/shorts/${ID}`, videoId: ID },
  { input: `https://www.youtube.com/live/${ID}?feature=share`, videoId: ID },
  { input: `https://www.youtube.com/v/${ID}`, videoId: ID },
  { input: `https://m.youtube.com/watch?v=${ID}`, videoId: ID },
  { input: `https://music.youtube.com/watch?v=${ID}&feature=share`, videoId: ID },
  { input: `https://www.youtube-nocookie.com/embed/${ID}`, videoId: ID },
  { input: `https://www.youtube.com/shorts/${ID}/`, videoId: ID },
  { input: `https://youtu.be/${ID}/`, videoId: ID },
  { input: `   https://www.youtube.com/watch?v=${ID}  \n`, videoId: ID },
  { input: `HTTPS://WWW.YOUTUBE.COM/watch?v=${ID}`, videoId: ID },
  { input: `https://YouTu.Be/${ID}`, videoId: ID },
  { input: `https://www.youtube.com/watch?v=${ID_WITH_SYMBOLS}`, videoId: ID_WITH_SYMBOLS },
  { input: `//www.youtube.com/embed/${ID}`, videoId: ID },

  // Refused, each with a reason an instructor can act on.
  { input: '', refusedWith: /paste/i },
  { input: '   \t ', refusedWith: /paste/i },
  { input: ID, refusedWith: /whole link/i },
  { input: 'my lesson video', refusedWith: /not a link/i },
  { input: 'hello', refusedWith: /not a link/i },
  { input: 'https://', refusedWith: /not a link/i },
  { input: 'https://vimeo.com/76979871', refusedWith: /not a YouTube link/i },
  { input: `https://youtube.com.evil.example/watch?v=${ID}`, refusedWith: /not a YouTube link/i },
  { input: `https://notyoutube.com/watch?v=${ID}`, refusedWith: /not a YouTube link/i },
  { input: `https://www.youtube.com:8443/watch?v=${ID}`, refusedWith: /not a YouTube link/i },
  { input: `https://www.youtube-nocookie.com/watch?v=${ID}`, refusedWith: /one video/i },
  {
    input: 'https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG',
    refusedWith: /playlist/i,
  },
  {
    input: 'https://www.youtube.com/watch?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG',
    refusedWith: /playlist/i,
  },
  {
    input: 'https://www.youtube.com/embed/videoseries?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG',
    refusedWith: /playlist/i,
  },
  { input: 'https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw', refusedWith: /channel/i },
  { input: 'https://www.youtube.com/@GoogleDevelopers', refusedWith: /channel/i },
  { input: 'https://www.youtube.com/c/GoogleDevelopers', refusedWith: /channel/i },
  { input: 'https://www.youtube.com/user/GoogleDevelopers', refusedWith: /channel/i },
  { input: 'https://www.youtube.com/watch', refusedWith: /one video/i },
  { input: 'https://www.youtube.com/watch?v=', refusedWith: /one video/i },
  { input: 'https://www.youtube.com/', refusedWith: /one video/i },
  { input: 'https://www.youtube.com/results?search_query=algebra', refusedWith: /one video/i },
  { input: 'https://youtu.be/', refusedWith: /one video/i },
  { input: 'https://www.youtube.com/watch?v=dQw4w9WgXc', refusedWith: /malformed/i },
  { input: 'https://www.youtube.com/watch?v=dQw4w9WgXcQQ', refusedWith: /malformed/i },
  { input: 'https://youtu.be/dQw4w9WgX!Q', refusedWith: /malformed/i },
  { input: 'https://www.youtube.com/embed/dQw4w9WgXc%20', refusedWith: /malformed/i },
  { input: 'javascript:alert(document.cookie)', refusedWith: /web links/i },
  { input: `ftp://www.youtube.com/watch?v=${ID}`, refusedWith: /web links/i },
  { input: `data:text/html,<a/href=https://youtu.be/${ID}>`, refusedWith: /web links/i },
  { input: `https://user:secret@www.youtube.com/watch?v=${ID}`, refusedWith: /password/i },
  { input: `https://www.youtube.com@evil.example/watch?v=${ID}`, refusedWith: /password/i },
];

describe('parseYouTubeLink', () => {
  it('has a table of at least 15 accepted and 15 refused links', () => {
    expect(rows.filter((row) => 'videoId' in row).length).toBeGreaterThanOrEqual(15);
    expect(rows.filter((row) => 'refusedWith' in row).length).toBeGreaterThanOrEqual(15);
  });

  it.each(rows)('$input', (row) => {
    const result = parseYouTubeLink(row.input);
    if ('videoId' in row) {
      expect(result).toEqual({ ok: true, videoId: row.videoId });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(row.refusedWith);
    }
  });
});
