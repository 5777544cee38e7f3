/**
 * The decision list's two choices per request (part of CONSOLE_CSS): approve is a filled green button, deny a white
 * one with a red border; both say their word, with a tick or a cross, so colour is never the only difference.
 */
export const DECIDE_CSS = `
details.decide{margin:.2rem 0}
details.decide>summary{display:inline-block;cursor:pointer;border-radius:.3rem;padding:.3rem .7rem;font-weight:600;list-style:none}
details.decide>summary::-webkit-details-marker{display:none}
details.decide>form{border:1px solid #ccc;background:#f6f8fa;padding:.5rem;margin-top:.3rem}
details.approve>summary,button.approve{background:#1a7f37;color:#fff;border:2px solid #1a7f37}
details.deny>summary,button.deny{background:#fff;color:#b42318;border:2px solid #b42318}
button.approve,button.deny{border-radius:.3rem;font-weight:600;cursor:pointer;margin-top:.4rem}
details.decide[open]>summary{outline:2px dashed #1d3557;outline-offset:2px}
`;
