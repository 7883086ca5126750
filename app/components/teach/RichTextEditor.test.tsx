import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { normalizeHtml, RichTextEditor, safeImageUrl, safeLinkUrl } from './RichTextEditor';

function editor(defaultValue = '<p>Hello</p>') {
  return <RichTextEditor id="content" name="content" label="Lesson notes" defaultValue={defaultValue} />;
}

/** Puts the caret (collapsed selection) at `offset` in `node`, as a click there would. */
function caretAt(node: Node, offset: number) {
  const range = document.createRange();
  range.setStart(node, offset);
  range.collapse(true);
  const selection = document.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/** The node and offset the caret is at now. */
function caret() {
  const range = document.getSelection()?.getRangeAt(0);
  return { node: range?.startContainer, offset: range?.startOffset };
}

function setup(html: string) {
  const view = render(editor(html));
  const area = within(view.container).getByRole('textbox', { name: 'Lesson notes' });
  area.focus();
  const source = view.container.querySelector('textarea') as HTMLTextAreaElement;
  return { area, source };
}

describe('RichTextEditor', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('without JavaScript is a plain, labelled HTML textarea that posts as `content`', () => {
    const html = renderToString(editor());
    expect(html).toContain('<textarea');
    expect(html).toContain('name="content"');
    expect(html).not.toContain('role="toolbar"');
    expect(html).not.toMatch(/<textarea[^>]*hidden/);
  });

  it('with JavaScript shows a toolbar of labelled toggle buttons over an editable area', () => {
    const { container } = render(editor());
    const toolbar = screen.getByRole('toolbar', { name: 'Formatting' });
    for (const name of [
      'H2 heading',
      'H3 subheading',
      'Bold',
      'Italic',
      'Link',
      'Inline code',
      'Bulleted list',
      'Numbered list',
      'Quote',
      'Code block',
      'Image by URL',
    ]) {
      const button = screen.getByRole('button', { name });
      expect(toolbar).toContainElement(button);
      expect(button).toHaveAttribute('aria-pressed', 'false');
    }
    const area = screen.getByRole('textbox', { name: 'Lesson notes' });
    expect(area).toHaveAttribute('contenteditable', 'true');
    expect(area.innerHTML).toBe('<p>Hello</p>');
    const source = container.querySelector('textarea[name="content"]');
    expect(source).not.toBeVisible();
  });

  it('writes the edited HTML into the hidden textarea on input', () => {
    const { container } = render(editor());
    const area = screen.getByRole('textbox', { name: 'Lesson notes' });
    area.innerHTML = '<h2>Cells</h2><p>All living things…</p>';
    fireEvent.input(area);
    expect(container.querySelector('textarea')).toHaveValue('<h2>Cells</h2><p>All living things…</p>');
  });

  it('runs the formatting commands from the toolbar and from Ctrl+B / Ctrl+I', () => {
    const exec = vi.fn(() => true);
    Object.defineProperty(document, 'execCommand', { value: exec, configurable: true });
    render(editor());
    fireEvent.click(screen.getByRole('button', { name: 'Bold' }));
    expect(exec).toHaveBeenLastCalledWith('bold', false, undefined);
    fireEvent.click(screen.getByRole('button', { name: 'Numbered list' }));
    expect(exec).toHaveBeenLastCalledWith('insertOrderedList', false, undefined);
    const area = screen.getByRole('textbox', { name: 'Lesson notes' });
    fireEvent.keyDown(area, { key: 'i', ctrlKey: true });
    expect(exec).toHaveBeenLastCalledWith('italic', false, undefined);
    Reflect.deleteProperty(document, 'execCommand');
  });

  it('switches to HTML editing and back, keeping the content', () => {
    const { container } = render(editor());
    fireEvent.click(screen.getByRole('button', { name: 'Edit HTML' }));
    const source = container.querySelector('textarea');
    expect(source).toBeVisible();
    expect(screen.queryByRole('toolbar')).toBeNull();
    fireEvent.change(source as HTMLTextAreaElement, { target: { value: '<p>Changed</p>' } });
    fireEvent.click(screen.getByRole('button', { name: 'Edit HTML' }));
    expect(screen.getByRole('textbox', { name: 'Lesson notes' }).innerHTML).toBe('<p>Changed</p>');
  });

  it('accepts only web and mail links, and only web pictures', () => {
    expect(safeImageUrl('https://example.org/cell.png')).toBe('https://example.org/cell.png');
    expect(safeImageUrl('mailto:a@b.test')).toBeNull();
    expect(safeLinkUrl('https://exa mple.org')).toBeNull();
    expect(safeLinkUrl('https://aurora.test/x')).toBe('https://aurora.test/x');
    expect(safeLinkUrl('example.org/page')).toBe('https://example.org/page');
    expect(safeLinkUrl('javascript:alert(1)')).toBeNull();
    expect(safeLinkUrl('data:text/html,hi')).toBeNull();
    expect(safeLinkUrl('//evil.test')).toBeNull();
    expect(safeLinkUrl('/files/lessons/x')).toBeNull();
  });

  it('saves the semantic tags the server keeps: <strong>, <em> and <p>', () => {
    expect(normalizeHtml('<div>One <b>bold</b> and <i>slanted <b>both</b></i></div><p>ok</p>')).toBe(
      '<p>One <strong>bold</strong> and <em>slanted <strong>both</strong></em></p><p>ok</p>',
    );
  });
});

describe('leaving a code block or a quote', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('Enter adds a line in a code block; Enter on the empty last line leaves it', () => {
    const { area, source } = setup('<pre>let x = 1;</pre>');
    const pre = area.querySelector('pre') as HTMLElement;
    caretAt(pre.firstChild as Text, 'let x = 1;'.length);
    // Not prevented would mean the browser's Enter, which stays in the block.
    expect(fireEvent.keyDown(area, { key: 'Enter' })).toBe(false);
    expect(area.innerHTML).toBe('<pre>let x = 1;<br><br></pre>');
    expect(caret()).toEqual({ node: pre, offset: 2 });

    expect(fireEvent.keyDown(area, { key: 'Enter' })).toBe(false);
    expect(area.innerHTML).toBe('<pre>let x = 1;</pre><p><br></p>');
    expect(caret().node).toBe(area.querySelector('p'));
    expect(source.value).toBe('<pre>let x = 1;</pre><p></p>');
  });

  it('keeps the lines typed in a code block as newlines in the saved HTML', () => {
    const { area, source } = setup('<pre>a</pre>');
    const pre = area.querySelector('pre') as HTMLElement;
    caretAt(pre.firstChild as Text, 1);
    fireEvent.keyDown(area, { key: 'Enter' });
    // Typing "b" at the caret.
    const at = caret();
    pre.insertBefore(document.createTextNode('b'), at.node?.childNodes[at.offset ?? 0] ?? null);
    fireEvent.input(area);
    expect(source.value).toBe('<pre>a\nb</pre>');
  });

  it('Enter twice leaves a quote, and an empty quote turns back into a paragraph', () => {
    const { area } = setup('<blockquote><p>To be or not to be.</p></blockquote>');
    const text = area.querySelector('p')?.firstChild as Text;
    caretAt(text, text.data.length);
    fireEvent.keyDown(area, { key: 'Enter' });
    fireEvent.keyDown(area, { key: 'Enter' });
    expect(area.innerHTML).toBe('<blockquote><p>To be or not to be.</p></blockquote><p><br></p>');

    const empty = setup('<blockquote><br></blockquote>');
    caretAt(empty.area.querySelector('blockquote') as Node, 0);
    fireEvent.keyDown(empty.area, { key: 'Enter' });
    expect(empty.area.innerHTML).toBe('<p><br></p>');
  });

  it('Enter in the middle of a line splits it and stays in the block', () => {
    const { area } = setup('<pre>ab</pre>');
    caretAt(area.querySelector('pre')?.firstChild as Text, 1);
    fireEvent.keyDown(area, { key: 'Enter' });
    fireEvent.keyDown(area, { key: 'Enter' });
    expect(area.innerHTML).toBe('<pre>a<br><br>b</pre>');
  });

  it('ArrowDown at the end of a code block that ends the text makes a paragraph after it', () => {
    const { area } = setup('<p>Intro</p><pre>x</pre>');
    caretAt(area.querySelector('pre')?.firstChild as Text, 1);
    expect(fireEvent.keyDown(area, { key: 'ArrowDown' })).toBe(false);
    expect(area.innerHTML).toBe('<p>Intro</p><pre>x</pre><p><br></p>');
    expect(caret().node).toBe(area.querySelector('pre + p'));

    // With text below, the browser moves down as usual.
    const more = setup('<pre>x</pre><p>After</p>');
    caretAt(more.area.querySelector('pre')?.firstChild as Text, 1);
    expect(fireEvent.keyDown(more.area, { key: 'ArrowDown' })).toBe(true);
  });

  it('leaves Enter elsewhere to the browser', () => {
    const { area } = setup('<p>Plain</p>');
    caretAt(area.querySelector('p')?.firstChild as Text, 2);
    expect(fireEvent.keyDown(area, { key: 'Enter' })).toBe(true);
    expect(area.innerHTML).toBe('<p>Plain</p>');
  });

  it('puts a picture inserted in a code block after the block, not inside it', () => {
    const { area, source } = setup('<pre>code</pre>');
    caretAt(area.querySelector('pre')?.firstChild as Text, 4);
    fireEvent.click(screen.getByRole('button', { name: 'Image by URL' }));
    fireEvent.change(screen.getByLabelText('Image address'), {
      target: { value: 'https://example.org/a.png' },
    });
    fireEvent.change(screen.getByLabelText('Description (alt text)'), { target: { value: 'A cell' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add image' }));
    expect(area.innerHTML).toBe('<pre>code</pre><p><img src="https://example.org/a.png" alt="A cell"></p>');
    expect(source.value).toBe('<pre>code</pre><p><img src="https://example.org/a.png" alt="A cell"></p>');
  });
});

describe('the link and image dialog', () => {
  it('adds a link from labelled fields, refusing an unsafe address with a message', () => {
    const prompt = vi.spyOn(window, 'prompt');
    const { area, source } = setup('<p>See </p>');
    caretAt(area.querySelector('p')?.firstChild as Text, 4);
    fireEvent.keyDown(area, { key: 'k', ctrlKey: true });

    const dialog = screen.getByRole('dialog', { name: 'Add a link' });
    const url = screen.getByLabelText('Link address');
    expect(dialog).toContainElement(url);
    expect(url).toHaveFocus();
    fireEvent.change(url, { target: { value: 'javascript:alert(1)' } });
    // Enter in the field applies the dialog, and must not submit the lesson form.
    expect(fireEvent.keyDown(url, { key: 'Enter' })).toBe(false);
    expect(url).toHaveAttribute('aria-invalid', 'true');
    expect(url).toHaveAccessibleDescription(/Enter a full web address starting with https:\/\//);
    expect(url).toHaveFocus();
    expect(area.querySelector('a')).toBeNull();

    fireEvent.change(url, { target: { value: 'example.org/cells' } });
    fireEvent.change(screen.getByLabelText('Text to show (optional)'), { target: { value: 'the atlas' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add link' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(area.innerHTML).toBe('<p>See <a href="https://example.org/cells">the atlas</a></p>');
    expect(source.value).toContain('href="https://example.org/cells"');
    expect(area).toHaveFocus();
    expect(prompt).not.toHaveBeenCalled();
  });

  it('links the selected words, and asks for no text then', () => {
    const { area } = setup('<p>Read the atlas</p>');
    const text = area.querySelector('p')?.firstChild as Text;
    const range = document.createRange();
    range.setStart(text, 9);
    range.setEnd(text, 14);
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
    fireEvent.click(screen.getByRole('button', { name: 'Link' }));
    expect(screen.queryByLabelText('Text to show (optional)')).toBeNull();
    fireEvent.change(screen.getByLabelText('Link address'), { target: { value: 'https://example.org' } });
    fireEvent.keyDown(screen.getByLabelText('Link address'), { key: 'Enter' });
    expect(area.innerHTML).toBe('<p>Read the <a href="https://example.org">atlas</a></p>');
  });

  it('edits or removes the link the caret is in', () => {
    const { area } = setup('<p>Go <a href="https://old.example">here</a></p>');
    caretAt(area.querySelector('a')?.firstChild as Text, 2);
    fireEvent.click(screen.getByRole('button', { name: 'Link' }));
    screen.getByRole('dialog', { name: 'Edit the link' });
    expect(screen.getByLabelText('Link address')).toHaveValue('https://old.example');
    fireEvent.change(screen.getByLabelText('Link address'), { target: { value: 'https://new.example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save link' }));
    expect(area.innerHTML).toBe('<p>Go <a href="https://new.example">here</a></p>');

    caretAt(area.querySelector('a')?.firstChild as Text, 2);
    fireEvent.click(screen.getByRole('button', { name: 'Link' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove link' }));
    expect(area.innerHTML).toBe('<p>Go here</p>');
  });

  it('closes on Escape or Cancel, changing nothing, and gives focus back to where it came from', () => {
    const { area } = setup('<p>Text</p>');
    const button = screen.getByRole('button', { name: 'Image by URL' });
    // Reached with the keyboard: focus is on the toolbar button.
    act(() => button.focus());
    fireEvent.click(button);
    expect(screen.getByLabelText('Image address')).toHaveFocus();
    fireEvent.keyDown(screen.getByLabelText('Image address'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(button).toHaveFocus();

    caretAt(area.querySelector('p')?.firstChild as Text, 2);
    act(() => area.focus());
    fireEvent.keyDown(area, { key: 'k', ctrlKey: true });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(area).toHaveFocus();
    expect(area.innerHTML).toBe('<p>Text</p>');
  });

  it('asks for a description of a picture unless it is marked decorative', () => {
    const { area } = setup('<p>Text</p>');
    caretAt(area.querySelector('p')?.firstChild as Text, 4);
    fireEvent.click(screen.getByRole('button', { name: 'Image by URL' }));
    screen.getByRole('dialog', { name: 'Add an image' });
    const url = screen.getByLabelText('Image address');
    fireEvent.change(url, { target: { value: 'mailto:someone@example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add image' }));
    expect(url).toHaveAccessibleDescription(/web address of the picture, starting with https:\/\//);

    fireEvent.change(url, { target: { value: 'https://example.org/a.png' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add image' }));
    const alt = screen.getByLabelText('Description (alt text)');
    expect(alt).toHaveAttribute('aria-invalid', 'true');
    expect(alt).toHaveFocus();
    expect(alt).toHaveAccessibleDescription(/Describe the image, or tick “Decorative”/);

    fireEvent.click(screen.getByLabelText('Decorative: it adds nothing to the text'));
    fireEvent.click(screen.getByRole('button', { name: 'Add image' }));
    expect(area.innerHTML).toBe('<p>Text<img src="https://example.org/a.png" alt=""></p>');
  });
});

describe('saved HTML', () => {
  it('drops placeholder line breaks at the end of blocks', () => {
    expect(normalizeHtml('<blockquote>Said<br><br></blockquote><p><br></p><p>a<br>b</p>')).toBe(
      '<blockquote>Said</blockquote><p></p><p>a<br>b</p>',
    );
  });
});

describe('saved HTML, top level', () => {
  it('puts bare text typed into an empty editor in a paragraph', () => {
    expect(normalizeHtml('Intro <strong>here</strong><br><pre>x</pre>tail')).toBe(
      '<p>Intro <strong>here</strong></p><pre>x</pre><p>tail</p>',
    );
  });
});
