//! A content-stream interpreter: the glyphs of one page with their device
//! positions, and the horizontal rules (table borders) drawn on it.

use super::fonts::{deref, final_reference, number, Font};
use super::lexer::{Lexer, Operand, Operation};
use crate::limits::{Budget, Deadline};
use crate::TextError;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// Most glyphs kept from one page (a guard against content-stream bombs).
const MAX_GLYPHS_PER_PAGE: usize = 400_000;
/// Deepest nesting of form XObjects followed.
const MAX_FORM_DEPTH: usize = 8;
/// Deepest `q` stack kept.
const MAX_STATE_DEPTH: usize = 256;

/// One glyph on the page, upright device coordinates (y grows upwards).
#[derive(Debug, Clone, Copy)]
pub struct Glyph {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub size: f32,
    /// Byte range of the glyph's text in [`PageContent::text`].
    pub start: u32,
    pub end: u32,
}

/// A horizontal rule (stroked line or thin filled rectangle).
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub y: f32,
    pub x0: f32,
    pub x1: f32,
}

/// What was drawn on one page.
#[derive(Debug, Default)]
pub struct PageContent {
    pub glyphs: Vec<Glyph>,
    pub text: String,
    pub rules: Vec<Rule>,
    /// Vertical rules (cell borders) as `(x, y_low, y_high)`.
    pub verticals: Vec<(f32, f32, f32)>,
    /// Text drawn rotated against the page (candidates for watermarks).
    pub rotated_text: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn mul(&self, o: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [oa, ob, oc, od, oe, of] = o.0;
        Matrix([
            a * oa + b * oc,
            a * ob + b * od,
            c * oa + d * oc,
            c * ob + d * od,
            e * oa + f * oc + oe,
            e * ob + f * od + of,
        ])
    }

    fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    fn translate(tx: f32, ty: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    fn from_objects(objects: &[Object]) -> Option<Matrix> {
        Matrix::from_numbers(objects.iter().map(|o| number(Some(o))))
    }

    fn from_operands(operands: &[Operand]) -> Option<Matrix> {
        Matrix::from_numbers(operands.iter().map(|o| o.number()))
    }

    /// The first six of at least six numbers.
    fn from_numbers(mut numbers: impl ExactSizeIterator<Item = Option<f32>>) -> Option<Matrix> {
        if numbers.len() < 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for slot in &mut m {
            *slot = numbers.next()??;
        }
        Some(Matrix(m))
    }

    /// The rotation that shows a page upright for its `/Rotate` value.
    pub fn page_rotation(degrees: i64) -> Matrix {
        match degrees.rem_euclid(360) {
            90 => Matrix([0.0, -1.0, 1.0, 0.0, 0.0, 0.0]),
            180 => Matrix([-1.0, 0.0, 0.0, -1.0, 0.0, 0.0]),
            270 => Matrix([0.0, 1.0, -1.0, 0.0, 0.0, 0.0]),
            _ => Matrix::IDENTITY,
        }
    }
}

#[derive(Debug, Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

/// Resources (by address), font name, font of the last `Tf`.
type LastFont = (*const Dictionary, Vec<u8>, Option<Rc<Font>>);

/// Shared per-document state: font cache, budget, deadline.
pub struct Interpreter<'a> {
    pub doc: &'a Document,
    fonts: HashMap<ObjectId, Rc<Font>>,
    /// The last `Tf` looked up: resources (by address), name, font (a
    /// stream sets the same font again and again).
    last_font: Option<LastFont>,
    budget: Budget,
    deadline: Deadline,
}

struct Run<'p> {
    page: &'p mut PageContent,
    state: State,
    stack: Vec<State>,
    tm: Matrix,
    tlm: Matrix,
    path: Vec<(f32, f32, f32, f32)>,
    path_start: (f32, f32),
    current: (f32, f32),
    ops: u64,
}

impl<'a> Interpreter<'a> {
    /// An interpreter with the fonts already loaded (by object number).
    pub fn new(
        doc: &'a Document,
        fonts: HashMap<ObjectId, Rc<Font>>,
        budget: Budget,
        deadline: Deadline,
    ) -> Self {
        Interpreter {
            doc,
            fonts,
            last_font: None,
            budget,
            deadline,
        }
    }

    /// The most bytes the next stream may decompress to: what is left of
    /// the document's budget, so a Flate bomb stops at the limit (lopdf
    /// reads at most `limit + 1` bytes through the inflater).
    fn stream_limit(&self) -> usize {
        usize::try_from(self.budget.remaining()).unwrap_or(usize::MAX)
    }

    /// Interpret one page.
    pub fn page(&mut self, page_id: ObjectId) -> Result<PageContent, TextError> {
        let doc = self.doc;
        let page_dict = doc
            .get_dictionary(page_id)
            .map_err(|e| TextError::Corrupt(e.to_string()))?;
        let rotate = inherited(doc, page_dict, b"Rotate")
            .and_then(|o| number(Some(o)))
            .unwrap_or(0.0) as i64;
        let resources = page_resources(doc, page_dict);
        let content = self.page_content(page_id)?;
        let mut page = PageContent::default();
        page.glyphs.reserve_exact(glyph_estimate(&content));
        let mut run = Run {
            page: &mut page,
            state: State {
                ctm: Matrix::page_rotation(rotate),
                font: None,
                size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                scale: 1.0,
                leading: 0.0,
                rise: 0.0,
            },
            stack: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            path: Vec::new(),
            path_start: (0.0, 0.0),
            current: (0.0, 0.0),
            ops: 0,
        };
        self.run_stream(&mut run, &content, resources, 0)?;
        Ok(page)
    }

    /// The decoded content streams of a page, one after the other (a line
    /// break between two), in one buffer of the exact size.
    fn page_content(&mut self, page_id: ObjectId) -> Result<Vec<u8>, TextError> {
        let doc = self.doc;
        let mut parts = Vec::new();
        for id in doc.get_page_contents(page_id) {
            if let Ok(Object::Stream(s)) = doc.get_object(id) {
                parts.push(self.stream_bytes(s)?);
            }
        }
        if parts.len() <= 1 {
            return Ok(parts.pop().unwrap_or_default());
        }
        let total = parts.iter().map(|p| p.len() + 1).sum();
        let mut content = Vec::with_capacity(total);
        for part in parts {
            content.extend_from_slice(&part);
            content.push(b'\n');
        }
        Ok(content)
    }

    fn stream_bytes(&mut self, s: &lopdf::Stream) -> Result<Vec<u8>, TextError> {
        let limit = self.stream_limit();
        let data = if s.dict.get(b"Filter").is_ok() {
            match s.decompressed_content_with_limit(limit) {
                Ok(data) => data,
                Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                })) => {
                    self.budget.charge(limit as u64 + 1)?;
                    Vec::new()
                }
                // An undecodable stream reads as empty (a warning-free skip).
                Err(_) => Vec::new(),
            }
        } else {
            s.content.clone()
        };
        self.budget.charge(data.len() as u64)?;
        // the inflater allocates generously; keep only what was decoded
        let mut data = data;
        data.shrink_to_fit();
        Ok(data)
    }

    fn run_stream(
        &mut self,
        run: &mut Run,
        data: &[u8],
        res: Option<&'a Dictionary>,
        depth: usize,
    ) -> Result<(), TextError> {
        let mut lexer = Lexer::new(data);
        while let Some(op) = lexer.next_operation() {
            run.ops += 1;
            if run.ops % 1024 == 0 {
                self.deadline.check()?;
            }
            self.operation(run, &op, res, depth)?;
        }
        Ok(())
    }

    fn operation(
        &mut self,
        run: &mut Run,
        op: &Operation,
        res: Option<&'a Dictionary>,
        depth: usize,
    ) -> Result<(), TextError> {
        let num = |i: usize| op.number(i).unwrap_or(0.0);
        // byte patterns: a decision tree on length and bytes, no string
        // comparisons
        match op.operator {
            [b'q'] if run.stack.len() < MAX_STATE_DEPTH => run.stack.push(run.state.clone()),
            [b'Q'] => {
                if let Some(s) = run.stack.pop() {
                    run.state = s;
                }
            }
            [b'c', b'm'] => {
                if let Some(m) = Matrix::from_operands(op.operands) {
                    run.state.ctm = m.mul(&run.state.ctm);
                }
            }
            [b'B', b'T'] => {
                run.tm = Matrix::IDENTITY;
                run.tlm = Matrix::IDENTITY;
            }
            [b'T', b'f'] => {
                run.state.size = num(1);
                run.state.font = op.name(0).and_then(|n| self.cached_font(res, n));
            }
            [b'T', b'c'] => run.state.char_spacing = num(0),
            [b'T', b'w'] => run.state.word_spacing = num(0),
            [b'T', b'z'] => run.state.scale = num(0) / 100.0,
            [b'T', b'L'] => run.state.leading = num(0),
            [b'T', b's'] => run.state.rise = num(0),
            [b'T', b'd'] => run.next_line(num(0), num(1)),
            [b'T', b'D'] => {
                run.state.leading = -num(1);
                run.next_line(num(0), num(1));
            }
            [b'T', b'm'] => {
                if let Some(m) = Matrix::from_operands(op.operands) {
                    run.tm = m;
                    run.tlm = m;
                }
            }
            [b'T', b'*'] => run.next_line(0.0, -run.state.leading),
            [b'T', b'j'] => run.show(op.string(op.operands.first())),
            [b'\''] => {
                run.next_line(0.0, -run.state.leading);
                run.show(op.string(op.operands.first()));
            }
            [b'"'] => {
                run.state.word_spacing = num(0);
                run.state.char_spacing = num(1);
                run.next_line(0.0, -run.state.leading);
                run.show(op.string(op.operands.get(2)));
            }
            [b'T', b'J'] => {
                for item in op.array(0).unwrap_or_default() {
                    match item {
                        Operand::Str(..) | Operand::Raw(..) => run.show(op.string(Some(item))),
                        other => {
                            let adj = other.number().unwrap_or(0.0);
                            let tx = -adj / 1000.0 * run.state.size * run.state.scale;
                            run.tm = Matrix::translate(tx, 0.0).mul(&run.tm);
                        }
                    }
                }
            }
            [b'D', b'o'] => {
                if let Some(name) = op.name(0) {
                    self.form(run, res, name, depth)?;
                }
            }
            [b'm'] => {
                run.current = run.state.ctm.apply(num(0), num(1));
                run.path_start = run.current;
            }
            [b'l'] => {
                let p = run.state.ctm.apply(num(0), num(1));
                run.path.push((run.current.0, run.current.1, p.0, p.1));
                run.current = p;
            }
            [b'h'] => {
                let (s, c) = (run.path_start, run.current);
                run.path.push((c.0, c.1, s.0, s.1));
            }
            [b'r', b'e'] => run.rect(num(0), num(1), num(2), num(3)),
            [b'S'] | [b's'] => run.stroke(),
            [b'f'] | [b'F'] | [b'f', b'*'] | [b'B'] | [b'B', b'*'] | [b'b'] | [b'b', b'*'] => {
                run.fill()
            }
            [b'n'] => run.path.clear(),
            _ => {}
        }
        Ok(())
    }

    /// [`Interpreter::font`], remembered for the last resources and name
    /// (the document does not change while it is read).
    fn cached_font(&mut self, res: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let key = res.map_or(std::ptr::null(), |r| r as *const Dictionary);
        if let Some((k, n, font)) = &self.last_font {
            if *k == key && n.as_slice() == name {
                return font.clone();
            }
        }
        let font = self.font(res, name);
        self.last_font = Some((key, name.to_vec(), font.clone()));
        font
    }

    fn font(&mut self, res: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let doc = self.doc;
        let fonts = match deref(doc, res?.get(b"Font").ok()).ok()? {
            Object::Dictionary(d) => d,
            _ => return None,
        };
        let entry = fonts.get(name).ok()?;
        // fonts are known by the object the references lead to (the
        // preloaded fonts by their own object number)
        let id = match entry {
            Object::Reference(id) => Some(final_reference(doc, *id)),
            _ => None,
        };
        if let Some(f) = id.and_then(|id| self.fonts.get(&id)) {
            return Some(f.clone());
        }
        let dict = match deref(doc, Some(entry)).ok()? {
            Object::Dictionary(d) => d,
            _ => return None,
        };
        let font = Rc::new(Font::load(doc, dict, self.stream_limit()));
        if let Some(id) = id {
            self.fonts.insert(id, font.clone());
        }
        Some(font)
    }

    fn form(
        &mut self,
        run: &mut Run,
        res: Option<&'a Dictionary>,
        name: &[u8],
        depth: usize,
    ) -> Result<(), TextError> {
        if depth >= MAX_FORM_DEPTH {
            return Ok(());
        }
        let doc = self.doc;
        let Some(xobjects) = res.and_then(|r| deref(doc, r.get(b"XObject").ok()).ok()) else {
            return Ok(());
        };
        let Object::Dictionary(xobjects) = xobjects else {
            return Ok(());
        };
        let Ok(Object::Stream(stream)) = deref(doc, xobjects.get(name).ok()) else {
            return Ok(());
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
            return Ok(());
        }
        let data = self.stream_bytes(stream)?;
        let inner_res = match deref(doc, stream.dict.get(b"Resources").ok()) {
            Ok(Object::Dictionary(d)) => Some(d),
            _ => res,
        };
        let saved = (run.state.clone(), run.stack.len());
        if let Some(m) = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|m| m.as_array().ok())
            .and_then(|a| Matrix::from_objects(a))
        {
            run.state.ctm = m.mul(&run.state.ctm);
        }
        let result = self.run_stream(run, &data, inner_res, depth + 1);
        run.state = saved.0;
        run.stack.truncate(saved.1);
        result
    }
}

/// At most how many glyphs a content stream can show: one per byte inside
/// its literal strings, one per two hex digits (capped; `<<` dictionaries
/// add a few), so the glyph list is allocated once instead of growing by
/// doubling. Glyphs of form XObjects are not counted (the list grows).
fn glyph_estimate(content: &[u8]) -> usize {
    let (mut bytes, mut digits, mut depth, mut hex) = (0usize, 0usize, 0usize, false);
    let mut escaped = false;
    for &b in content {
        if bytes + digits / 2 >= MAX_GLYPHS_PER_PAGE {
            break;
        }
        if depth > 0 {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ => {}
            }
            bytes += usize::from(depth > 0);
        } else if hex {
            hex = b != b'>';
            digits += usize::from(b.is_ascii_hexdigit());
        } else if b == b'(' {
            depth = 1;
        } else if b == b'<' {
            hex = true;
        }
    }
    (bytes + digits.div_ceil(2)).min(MAX_GLYPHS_PER_PAGE)
}

impl Run<'_> {
    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm = Matrix::translate(tx, ty).mul(&self.tlm);
        self.tm = self.tlm;
    }

    fn show(&mut self, s: Option<&[u8]>) {
        let Some(bytes) = s else {
            return;
        };
        let Some(font) = self.state.font.clone() else {
            return;
        };
        if self.page.glyphs.len() >= MAX_GLYPHS_PER_PAGE {
            // nothing more is kept from this page: the text position no
            // longer matters
            return;
        }
        let st = &self.state;
        let (size, th, tc, tw, rise) =
            (st.size, st.scale, st.char_spacing, st.word_spacing, st.rise);
        let ctm = st.ctm;
        let mut tm = self.tm;
        let page = &mut *self.page;
        font.for_each_glyph(bytes, |text, w, is_space| {
            let m = tm.mul(&ctm);
            let adv = w / 1000.0 * size * th;
            let (x0, y0) = m.apply(0.0, rise);
            let (x1, y1) = m.apply(adv, rise);
            let (dx, dy) = (x1 - x0, y1 - y0);
            let scale_y = (m.0[2] * m.0[2] + m.0[3] * m.0[3]).sqrt();
            let dev_size = (size * scale_y).abs();
            if !text.is_empty() && page.glyphs.len() < MAX_GLYPHS_PER_PAGE {
                let horizontal = dx >= 0.0 && dy.abs() <= 0.1 * dx.abs().max(0.01 * dev_size);
                if horizontal {
                    let start = page.text.len() as u32;
                    page.text.push_str(text);
                    page.glyphs.push(Glyph {
                        x0,
                        x1: x0 + dx.max(0.0),
                        y: y0,
                        size: dev_size,
                        start,
                        end: page.text.len() as u32,
                    });
                } else if page.rotated_text.len() < 4096 {
                    page.rotated_text.push_str(text);
                }
            }
            let step = adv + (tc + if is_space { tw } else { 0.0 }) * th;
            tm = Matrix::translate(step, 0.0).mul(&tm);
        });
        self.tm = tm;
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        let ctm = self.state.ctm;
        let p = [
            ctm.apply(x, y),
            ctm.apply(x + w, y),
            ctm.apply(x + w, y + h),
            ctm.apply(x, y + h),
        ];
        for i in 0..4 {
            let (a, b) = (p[i], p[(i + 1) % 4]);
            self.path.push((a.0, a.1, b.0, b.1));
        }
        self.current = p[0];
    }

    fn stroke(&mut self) {
        for &(x0, y0, x1, y1) in &self.path {
            if (y1 - y0).abs() < 1.0 && (x1 - x0).abs() > 5.0 {
                self.page.rules.push(Rule {
                    y: (y0 + y1) / 2.0,
                    x0: x0.min(x1),
                    x1: x0.max(x1),
                });
            } else if (x1 - x0).abs() < 1.0 && (y1 - y0).abs() > 5.0 {
                self.page
                    .verticals
                    .push(((x0 + x1) / 2.0, y0.min(y1), y0.max(y1)));
            }
        }
        self.path.clear();
    }

    fn fill(&mut self) {
        // a thin filled rectangle (height under 2 units, wider than 5) is a rule
        for quad in self.path.chunks(4) {
            if quad.len() < 4 {
                break;
            }
            let xs = quad.iter().flat_map(|s| [s.0, s.2]);
            let ys = quad.iter().flat_map(|s| [s.1, s.3]);
            let (xmin, xmax) = xs.fold((f32::MAX, f32::MIN), |(a, b), v| (a.min(v), b.max(v)));
            let (ymin, ymax) = ys.fold((f32::MAX, f32::MIN), |(a, b), v| (a.min(v), b.max(v)));
            if ymax - ymin < 2.0 && xmax - xmin > 5.0 {
                self.page.rules.push(Rule {
                    y: (ymin + ymax) / 2.0,
                    x0: xmin,
                    x1: xmax,
                });
            } else if xmax - xmin < 2.0 && ymax - ymin > 5.0 {
                self.page.verticals.push(((xmin + xmax) / 2.0, ymin, ymax));
            }
        }
        self.path.clear();
    }
}

fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut dict = page;
    for _ in 0..32 {
        if let Ok(v) = dict.get(key) {
            return deref(doc, Some(v)).ok();
        }
        match deref(doc, dict.get(b"Parent").ok()) {
            Ok(Object::Dictionary(parent)) => dict = parent,
            _ => return None,
        }
    }
    None
}

fn page_resources<'a>(doc: &'a Document, page: &'a Dictionary) -> Option<&'a Dictionary> {
    match inherited(doc, page, b"Resources")? {
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::glyph_estimate;

    #[test]
    fn glyph_estimate_bounds_the_shown_bytes() {
        assert_eq!(glyph_estimate(b"BT /F1 10 Tf (Artikel 1) Tj ET"), 9);
        // an escape counts as a byte too: an upper bound
        assert_eq!(glyph_estimate(b"[(Ver) -20 (werker)] TJ (a\\) b) '"), 14);
        assert_eq!(glyph_estimate(b"<0041004200> Tj (x(y)z) Tj"), 10);
        assert_eq!(glyph_estimate(b"0 0 m 10 10 l S"), 0);
    }
}
