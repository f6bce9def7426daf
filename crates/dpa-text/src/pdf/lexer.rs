//! A streaming reader of content-stream operations.
//!
//! It reads the grammar of lopdf's content parser (`Content::decode`, which
//! the interpreter used before): the same operations, operands and numbers,
//! and it stops where that parser stops (at the first malformed operation).
//! Unlike it, it builds no `Object` per operand: operands are small
//! [`Operand`] values whose names and strings live in one reused byte
//! buffer, so a 20 MB stream is read without an allocation per operator.

/// Deepest nesting of arrays and dictionaries read (lopdf's limit).
const MAX_NESTING: usize = 100;
/// Deepest nesting of parentheses inside a literal string (lopdf's limit).
const MAX_PARENS: usize = 100;

/// Byte classes (bit sets) of [`CLASS`].
const WHITE: u8 = 1;
const DIGIT: u8 = 2;
/// Allowed in an operator: ASCII letters and digits, `*`, `'`, `"`.
const OPERATOR: u8 = 4;
/// Copied as is into a name: neither white space, a delimiter nor `#`.
const NAME: u8 = 8;
/// Ends a run of plain bytes in a literal string: `(`, `)`, `\`, CR, LF.
const STRING_SPECIAL: u8 = 16;
const OCTAL: u8 = 32;
const HEX: u8 = 64;

/// The value of every hexadecimal digit (0 for other bytes).
const HEX_VALUE: [u8; 256] = hex_values();

const fn hex_values() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        table[i] = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => 0,
        };
        i += 1;
    }
    table
}

/// The classes of every byte, one table lookup per byte (hot loops stay
/// fast in unoptimized builds too).
const CLASS: [u8; 256] = byte_classes();

const fn byte_classes() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        let mut class = 0;
        let white = matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | 0x0C);
        if white {
            class |= WHITE;
        }
        if c.is_ascii_digit() {
            class |= DIGIT;
        }
        if c >= b'0' && c <= b'7' {
            class |= OCTAL;
        }
        if c.is_ascii_hexdigit() {
            class |= HEX;
        }
        if c.is_ascii_alphanumeric() || matches!(c, b'*' | b'\'' | b'"') {
            class |= OPERATOR;
        }
        let delimiter = matches!(
            c,
            b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
        );
        if !white && !delimiter && c != b'#' {
            class |= NAME;
        }
        if matches!(c, b'(' | b')' | b'\\' | b'\r' | b'\n') {
            class |= STRING_SPECIAL;
        }
        table[i] = class;
        i += 1;
    }
    table
}

/// A byte range in [`Operation::bytes`] or an item range in
/// [`Operation::items`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    start: usize,
    end: usize,
}

/// One operand (or array element) of an operation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Operand {
    Int(i64),
    Real(f32),
    Bool(bool),
    /// A name, without its `/` and with `#xx` escapes decoded.
    Name(Span),
    /// The bytes of a literal or hexadecimal string (in
    /// [`Operation::bytes`]).
    Str(Span),
    /// A literal string without escapes, line ends or parentheses: its
    /// bytes as they stand in the stream (no copy).
    Raw(Span),
    /// The elements of an array (nested arrays and dictionaries inside it
    /// are [`Operand::Other`]).
    Array(Span),
    /// `null`, a dictionary, a reference or a nested array.
    Other,
}

impl Operand {
    /// The value of a number operand (finite only, like `fonts::number`).
    pub fn number(self) -> Option<f32> {
        match self {
            Operand::Int(i) => Some(i as f32),
            Operand::Real(r) if r.is_finite() => Some(r),
            _ => None,
        }
    }
}

/// One operation: its operator and operands.
pub struct Operation<'l> {
    pub operator: &'l [u8],
    pub operands: &'l [Operand],
    items: &'l [Operand],
    bytes: &'l [u8],
    data: &'l [u8],
}

impl<'l> Operation<'l> {
    /// Operand `i` as a number.
    pub fn number(&self, i: usize) -> Option<f32> {
        self.operands.get(i).and_then(|o| o.number())
    }

    /// Operand `i` as a name.
    pub fn name(&self, i: usize) -> Option<&'l [u8]> {
        match self.operands.get(i) {
            Some(Operand::Name(s)) => self.bytes.get(s.start..s.end),
            _ => None,
        }
    }

    /// The bytes of a string operand or element.
    pub fn string(&self, operand: Option<&Operand>) -> Option<&'l [u8]> {
        match operand {
            Some(Operand::Str(s)) => self.bytes.get(s.start..s.end),
            Some(Operand::Raw(s)) => self.data.get(s.start..s.end),
            _ => None,
        }
    }

    /// Operand `i` as an array.
    pub fn array(&self, i: usize) -> Option<&'l [Operand]> {
        match self.operands.get(i) {
            Some(Operand::Array(s)) => self.items.get(s.start..s.end),
            _ => None,
        }
    }
}

/// Why a parse failed: `Soft` lets an enclosing array or dictionary end
/// there; `Hard` (too deep, a broken inline image) ends the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fail {
    Soft,
    Hard,
}

type Parsed<T> = Result<T, Fail>;

/// Reads the operations of one content stream, one at a time.
pub struct Lexer<'d> {
    data: &'d [u8],
    pos: usize,
    done: bool,
    operands: Vec<Operand>,
    items: Vec<Operand>,
    bytes: Vec<u8>,
    operator: Span,
    /// Keep the elements of the next array value (the color space array of
    /// an inline image).
    keep_array: bool,
}

impl<'d> Lexer<'d> {
    pub fn new(data: &'d [u8]) -> Self {
        let mut lexer = Lexer {
            data,
            pos: 0,
            done: false,
            operands: Vec::new(),
            items: Vec::new(),
            bytes: Vec::new(),
            operator: Span { start: 0, end: 0 },
            keep_array: false,
        };
        lexer.skip_content_space();
        lexer
    }

    /// The next operation, or `None` at the end of the stream or at the
    /// first operation that does not parse.
    pub fn next_operation(&mut self) -> Option<Operation<'_>> {
        if self.done {
            return None;
        }
        self.operands.clear();
        self.items.clear();
        self.bytes.clear();
        if self.operation().is_err() {
            self.done = true;
            return None;
        }
        Some(Operation {
            operator: &self.data[self.operator.start..self.operator.end],
            operands: &self.operands,
            items: &self.items,
            bytes: &self.bytes,
            data: self.data,
        })
    }

    fn operation(&mut self) -> Parsed<()> {
        while self.peek() == Some(b'%') && self.comment() {
            self.skip_content_space();
        }
        if self.peek() == Some(b'B') && self.data.get(self.pos + 1) == Some(&b'I') {
            let start = self.pos;
            self.pos += 2;
            self.skip_content_space();
            self.inline_image()?;
            self.operator = Span {
                start,
                end: start + 2,
            };
            return Ok(());
        }
        loop {
            let start = self.pos;
            match self.operand() {
                Ok(op) => {
                    self.operands.push(op);
                    self.skip_content_space();
                }
                Err(_) => {
                    self.pos = start;
                    break;
                }
            }
        }
        self.operator()?;
        self.skip_content_space();
        Ok(())
    }

    fn operator(&mut self) -> Parsed<()> {
        let start = self.pos;
        if self.skip_class(OPERATOR) == 0 || self.data[start].is_ascii_digit() {
            self.pos = start;
            return Err(Fail::Soft);
        }
        self.operator = Span {
            start,
            end: self.pos,
        };
        Ok(())
    }

    /// An operand of the content grammar (the alternatives in lopdf's order).
    fn operand(&mut self) -> Parsed<Operand> {
        match self.peek() {
            Some(b'n') if self.rest().starts_with(b"null") => {
                self.pos += 4;
                Ok(Operand::Other)
            }
            Some(b't' | b'f') => self.boolean().map(Operand::Bool).ok_or(Fail::Soft),
            Some(b'0'..=b'9' | b'+' | b'-' | b'.') => self.number(),
            Some(b'/') => self.name().map(Operand::Name),
            Some(b'(') => self.literal_string(),
            Some(b'<') => self.hex_string_or_dictionary(MAX_NESTING),
            Some(b'[') => self.array(MAX_NESTING),
            _ => Err(Fail::Soft),
        }
    }

    fn boolean(&mut self) -> Option<bool> {
        let rest = self.rest();
        if rest.starts_with(b"true") {
            self.pos += 4;
            Some(true)
        } else if rest.starts_with(b"false") {
            self.pos += 5;
            Some(false)
        } else {
            None
        }
    }

    /// A real, else an integer (lopdf tries them in that order). One pass
    /// over the sign and digits decides: no `.` after them, no real.
    fn number(&mut self) -> Parsed<Operand> {
        let data = self.data;
        let start = self.pos;
        let mut i = start;
        let negative = i < data.len() && data[i] == b'-';
        if i < data.len() && (data[i] == b'+' || data[i] == b'-') {
            i += 1;
        }
        let digits_start = i;
        let (mut magnitude, mut overflow) = (0u64, false);
        while i < data.len() && data[i] >= b'0' && data[i] <= b'9' {
            let value = u128::from(magnitude) * 10 + u128::from(data[i] - b'0');
            match u64::try_from(value) {
                Ok(v) if !overflow => magnitude = v,
                _ => overflow = true,
            }
            i += 1;
        }
        let digits = i - digits_start;
        if i < data.len() && data[i] == b'.' {
            if let Some(r) = self.real() {
                return Ok(Operand::Real(r));
            }
        }
        self.pos = i;
        if digits == 0 || overflow {
            self.pos = start;
            return Err(Fail::Soft);
        }
        let value = if negative {
            0i64.checked_sub_unsigned(magnitude)
        } else {
            i64::try_from(magnitude).ok()
        };
        match value {
            Some(v) => Ok(Operand::Int(v)),
            None => {
                self.pos = start;
                Err(Fail::Soft)
            }
        }
    }

    fn sign(&mut self) -> bool {
        match self.peek() {
            Some(b'+') => {
                self.pos += 1;
                false
            }
            Some(b'-') => {
                self.pos += 1;
                true
            }
            _ => false,
        }
    }

    fn digits(&mut self) -> usize {
        self.skip_class(DIGIT)
    }

    /// Move past the bytes of `class`; how many there were.
    fn skip_class(&mut self, class: u8) -> usize {
        let data = self.data;
        let start = self.pos;
        let mut i = start;
        while i < data.len() && CLASS[data[i] as usize] & class != 0 {
            i += 1;
        }
        self.pos = i;
        i - start
    }

    /// Copy the bytes up to the next one of `class` to [`Lexer::bytes`].
    fn copy_until(&mut self, class: u8) {
        let data = self.data;
        let start = self.pos;
        let mut i = start;
        while i < data.len() && CLASS[data[i] as usize] & class == 0 {
            i += 1;
        }
        self.bytes.extend_from_slice(&data[start..i]);
        self.pos = i;
    }

    /// `[sign] (digits . [digits] | . digits)`, then any digits and minus
    /// signs (a minus inside the fraction is ignored, as in pdf.js).
    fn real(&mut self) -> Option<f32> {
        let start = self.pos;
        let real = self.real_at();
        if real.is_none() {
            self.pos = start;
        }
        real
    }

    fn real_at(&mut self) -> Option<f32> {
        let start = self.pos;
        self.sign();
        if self.digits() > 0 {
            if self.peek() != Some(b'.') {
                return None;
            }
            self.pos += 1;
        } else {
            if self.peek() != Some(b'.') {
                return None;
            }
            self.pos += 1;
            if self.digits() == 0 {
                return None;
            }
        }
        let tail_start = self.pos;
        while matches!(self.peek(), Some(b'-' | b'0'..=b'9')) {
            self.pos += 1;
        }
        let tail = self.pos - tail_start;
        let text = &self.data[start..self.pos];
        if text[text.len() - tail..].contains(&b'-') {
            real_without_inner_minus(text)
        } else {
            std::str::from_utf8(text).ok()?.parse::<f32>().ok()
        }
    }

    fn name(&mut self) -> Parsed<Span> {
        if self.peek() != Some(b'/') {
            return Err(Fail::Soft);
        }
        self.pos += 1;
        let start = self.bytes.len();
        loop {
            let run = self.pos;
            self.skip_class(NAME);
            self.bytes.extend_from_slice(&self.data[run..self.pos]);
            if self.peek() != Some(b'#') {
                break;
            }
            let escape = self.data.get(self.pos + 1..self.pos + 3);
            match escape.and_then(|h| Some((hex_value(h[0])? << 4) | hex_value(h[1])?)) {
                Some(byte) => {
                    self.bytes.push(byte);
                    self.pos += 3;
                }
                None => break,
            }
        }
        Ok(Span {
            start,
            end: self.bytes.len(),
        })
    }

    /// A literal string: [`Operand::Raw`] when its bytes stand as they
    /// are in the stream, else decoded to [`Operand::Str`].
    fn literal_string(&mut self) -> Parsed<Operand> {
        let data = self.data;
        let first = self.pos + 1;
        let mut i = first;
        while i < data.len() && CLASS[data[i] as usize] & STRING_SPECIAL == 0 {
            i += 1;
        }
        if i < data.len() && data[i] == b')' {
            self.pos = i + 1;
            return Ok(Operand::Raw(Span {
                start: first,
                end: i,
            }));
        }
        self.escaped_string().map(Operand::Str)
    }

    fn escaped_string(&mut self) -> Parsed<Span> {
        let start = self.bytes.len();
        let begin = self.pos;
        // the outer parentheses are not part of the string
        self.pos += 1;
        let mut depth = 0usize;
        loop {
            self.copy_until(STRING_SPECIAL);
            match self.peek() {
                None => return self.fail_string(begin, start),
                Some(b'\\') => {
                    if !self.escape() {
                        return self.fail_string(begin, start);
                    }
                }
                Some(b'\r' | b'\n') => {
                    self.eol();
                    self.bytes.push(b'\n');
                }
                Some(b'(') => {
                    if depth >= MAX_PARENS {
                        return self.fail_string(begin, start);
                    }
                    depth += 1;
                    self.pos += 1;
                    self.bytes.push(b'(');
                }
                Some(_) => {
                    self.pos += 1;
                    if depth == 0 {
                        return Ok(Span {
                            start,
                            end: self.bytes.len(),
                        });
                    }
                    depth -= 1;
                    self.bytes.push(b')');
                }
            }
        }
    }

    fn fail_string(&mut self, begin: usize, start: usize) -> Parsed<Span> {
        self.pos = begin;
        self.bytes.truncate(start);
        Err(Fail::Soft)
    }

    /// A backslash escape inside a literal string; `false` at the end of
    /// the data.
    fn escape(&mut self) -> bool {
        self.pos += 1;
        let Some(c) = self.peek() else {
            return false;
        };
        if CLASS[usize::from(c)] & OCTAL != 0 {
            let mut value = 0u16;
            for _ in 0..3 {
                match self.peek() {
                    Some(d) if CLASS[usize::from(d)] & OCTAL != 0 => {
                        value = value * 8 + u16::from(d - b'0');
                        self.pos += 1;
                    }
                    _ => break,
                }
            }
            self.bytes.push(value as u8);
            return true;
        }
        if matches!(c, b'\r' | b'\n') {
            self.eol();
            return true;
        }
        self.pos += 1;
        self.bytes.push(match c {
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'b' => 0x08,
            b'f' => 0x0C,
            other => other,
        });
        true
    }

    /// `\r\n`, `\n` or `\r` (the caller saw one of them).
    fn eol(&mut self) {
        if self.rest().starts_with(b"\r\n") {
            self.pos += 2;
        } else {
            self.pos += 1;
        }
    }

    /// `<` opens a hex string or, when that fails, a dictionary `<< … >>`.
    fn hex_string_or_dictionary(&mut self, depth: usize) -> Parsed<Operand> {
        let start = self.pos;
        match self.hex_string() {
            Ok(s) => Ok(Operand::Str(s)),
            Err(_) => {
                self.pos = start;
                self.dictionary(depth).map(|()| Operand::Other)
            }
        }
    }

    fn hex_string(&mut self) -> Parsed<Span> {
        self.pos += 1;
        let start = self.bytes.len();
        let data = self.data;
        let (mut i, mut high) = (self.pos, true);
        loop {
            while i < data.len() && CLASS[data[i] as usize] & WHITE != 0 {
                i += 1;
            }
            if i >= data.len() || CLASS[data[i] as usize] & HEX == 0 {
                break;
            }
            let v = HEX_VALUE[data[i] as usize];
            i += 1;
            if high {
                self.bytes.push(v << 4);
            } else if let Some(last) = self.bytes.last_mut() {
                *last |= v;
            }
            high = !high;
        }
        self.pos = i;
        if self.peek() != Some(b'>') {
            self.bytes.truncate(start);
            return Err(Fail::Soft);
        }
        self.pos += 1;
        Ok(Span {
            start,
            end: self.bytes.len(),
        })
    }

    /// An array at nesting budget `depth`: its elements go to `items`
    /// (the elements of nested arrays and dictionaries are dropped).
    fn array(&mut self, depth: usize) -> Parsed<Operand> {
        let begin = self.pos;
        self.pos += 1;
        self.skip_space();
        let first = self.items.len();
        loop {
            if depth == 0 {
                return Err(Fail::Hard);
            }
            let at = self.pos;
            match self.direct_object(depth - 1) {
                Ok(item) => {
                    self.items.push(item);
                    self.skip_space();
                }
                Err(Fail::Hard) => return Err(Fail::Hard),
                Err(Fail::Soft) => {
                    self.pos = at;
                    break;
                }
            }
        }
        if self.peek() != Some(b']') {
            self.pos = begin;
            self.items.truncate(first);
            return Err(Fail::Soft);
        }
        self.pos += 1;
        Ok(Operand::Array(Span {
            start: first,
            end: self.items.len(),
        }))
    }

    /// `<< /Key value … >>` at nesting budget `depth`.
    fn dictionary(&mut self, depth: usize) -> Parsed<()> {
        if !self.rest().starts_with(b"<<") {
            return Err(Fail::Soft);
        }
        let begin = self.pos;
        self.pos += 2;
        self.skip_space();
        self.dictionary_entries(depth, |_, _, _| {})?;
        if !self.rest().starts_with(b">>") {
            self.pos = begin;
            return Err(Fail::Soft);
        }
        self.pos += 2;
        Ok(())
    }

    /// The `/Key value` pairs of a dictionary, each given to `entry` with
    /// the name bytes and the value.
    fn dictionary_entries(
        &mut self,
        depth: usize,
        mut entry: impl FnMut(&Self, Span, Operand),
    ) -> Parsed<()> {
        loop {
            let at = self.pos;
            let key = match self.name() {
                Ok(key) => key,
                Err(_) => return Ok(()),
            };
            self.skip_space();
            if depth == 0 {
                return Err(Fail::Hard);
            }
            match self.direct_object(depth - 1) {
                Ok(value) => {
                    self.skip_space();
                    entry(self, key, value);
                }
                Err(Fail::Hard) => return Err(Fail::Hard),
                Err(Fail::Soft) => {
                    self.pos = at;
                    return Ok(());
                }
            }
        }
    }

    /// An object inside an array or dictionary (lopdf's `_direct_objects`).
    fn direct_object(&mut self, depth: usize) -> Parsed<Operand> {
        match self.peek() {
            Some(b'n') if self.rest().starts_with(b"null") => {
                self.pos += 4;
                Ok(Operand::Other)
            }
            Some(b't' | b'f') => self.boolean().map(Operand::Bool).ok_or(Fail::Soft),
            Some(b'0'..=b'9') => {
                let start = self.pos;
                if self.reference() {
                    return Ok(Operand::Other);
                }
                self.pos = start;
                self.number()
            }
            Some(b'+' | b'-' | b'.') => self.number(),
            Some(b'/') => self.name().map(Operand::Name),
            Some(b'(') => self.literal_string(),
            Some(b'<') => self.hex_string_or_dictionary(depth),
            Some(b'[') => {
                let keep = std::mem::replace(&mut self.keep_array, false);
                let first = self.items.len();
                let result = self.array(depth);
                self.keep_array = keep;
                if keep {
                    return result;
                }
                self.items.truncate(first);
                result.map(|_| Operand::Other)
            }
            _ => Err(Fail::Soft),
        }
    }

    /// `12 0 R` (object number within u32, generation within u16).
    fn reference(&mut self) -> bool {
        // after the first number only white space or a comment can lead to
        // a second (a quick no for the numbers of `TJ` arrays)
        let data = self.data;
        let mut i = self.pos;
        while i < data.len() && CLASS[data[i] as usize] & DIGIT != 0 {
            i += 1;
        }
        if i >= data.len() || !(CLASS[data[i] as usize] & WHITE != 0 || data[i] == b'%') {
            return false;
        }
        let unsigned = |lexer: &mut Self, max: u64| {
            let start = lexer.pos;
            if lexer.digits() == 0 {
                return false;
            }
            lexer.data[start..lexer.pos]
                .iter()
                .try_fold(0u64, |v, &d| {
                    v.checked_mul(10)?.checked_add(u64::from(d - b'0'))
                })
                .is_some_and(|v| v <= max)
        };
        if !unsigned(self, u64::from(u32::MAX)) {
            return false;
        }
        self.skip_space();
        if !unsigned(self, u64::from(u16::MAX)) {
            return false;
        }
        self.skip_space();
        if self.peek() == Some(b'R') {
            self.pos += 1;
            return true;
        }
        false
    }

    /// `BI … ID data EI` after `BI` and its white space: skipped.
    fn inline_image(&mut self) -> Parsed<()> {
        let mut entries: Vec<(Span, Operand)> = Vec::new();
        self.keep_array = true;
        let read = self.dictionary_entries(MAX_NESTING, |_, key, value| entries.push((key, value)));
        self.keep_array = false;
        read.map_err(|_| Fail::Hard)?;
        if !self.rest().starts_with(b"ID") {
            return Err(Fail::Hard);
        }
        self.pos += 2;
        match self.peek() {
            Some(b'\r' | b'\n') => self.eol(),
            Some(c) if is_white_space(c) => self.pos += 1,
            _ => {}
        }
        match self.image_length(&entries) {
            Some(length) if length <= self.data.len() - self.pos => {
                self.pos += length;
                self.skip_content_space();
                if !self.rest().starts_with(b"EI") {
                    return Err(Fail::Hard);
                }
                self.pos += 2;
                self.skip_content_space();
                Ok(())
            }
            _ => self.skip_to_image_end(),
        }
    }

    /// The first white space + `EI` + white space (or end of data).
    fn skip_to_image_end(&mut self) -> Parsed<()> {
        let bytes = self.rest();
        let end = bytes.windows(3).enumerate().find(|&(i, w)| {
            is_white_space(w[0])
                && w[1..] == *b"EI"
                && bytes.get(i + 3).map_or(true, |&c| is_white_space(c))
        });
        let Some((i, _)) = end else {
            return Err(Fail::Hard);
        };
        self.pos += i + 3;
        self.skip_content_space();
        Ok(())
    }

    /// The byte length of an unfiltered inline image from its dictionary,
    /// as lopdf computes it (`None`: unknown; the data is skipped to `EI`).
    fn image_length(&self, entries: &[(Span, Operand)]) -> Option<usize> {
        let get = |abbr: &[u8], full: &[u8]| {
            let find = |key: &[u8]| {
                entries
                    .iter()
                    .rev()
                    .find(|(k, _)| self.bytes.get(k.start..k.end) == Some(key))
                    .map(|&(_, v)| v)
            };
            find(abbr).or_else(|| find(full))
        };
        let size = |value: Option<Operand>| match value {
            Some(Operand::Int(n)) => usize::try_from(n).ok(),
            _ => None,
        };
        let width = size(get(b"W", b"Width"))?;
        let height = size(get(b"H", b"Height"))?;
        let mask = get(b"IM", b"ImageMask") == Some(Operand::Bool(true));
        let bpc = match get(b"BPC", b"BitsPerComponent") {
            None if mask => 1,
            value => size(value)?,
        };
        let colors = if mask {
            1
        } else {
            self.color_components(get(b"CS", b"ColorSpace")?)?
        };
        if get(b"F", b"Filter").is_some() {
            return None;
        }
        bpc.checked_mul(colors)
            .and_then(|bits| width.checked_mul(bits))
            .and_then(|row_bits| row_bits.div_ceil(8).checked_mul(height))
    }

    fn color_components(&self, space: Operand) -> Option<usize> {
        let name = match space {
            Operand::Array(items) => {
                // an Indexed space has one component (an index)
                let first = self.items.get(items.start..items.end)?.first().copied();
                let Some(Operand::Name(n)) = first else {
                    return None;
                };
                let n = self.bytes.get(n.start..n.end)?;
                return (n == b"Indexed" || n == b"I").then_some(1);
            }
            Operand::Name(n) => self.bytes.get(n.start..n.end)?,
            _ => return None,
        };
        match name {
            b"DeviceGray" | b"G" | b"Gray" => Some(1),
            b"DeviceRGB" | b"RGB" => Some(3),
            b"DeviceRGBA" | b"RGBA" | b"DeviceCMYK" | b"CMYK" => Some(4),
            _ => None,
        }
    }

    /// A `%` comment through its end of line; `false` (nothing read) when
    /// no end of line follows.
    fn comment(&mut self) -> bool {
        let Some(n) = self.rest().iter().position(|&c| c == b'\r' || c == b'\n') else {
            return false;
        };
        self.pos += n;
        self.eol();
        true
    }

    /// White space (no comments): lopdf's `content_space`.
    fn skip_content_space(&mut self) {
        self.skip_white_space();
    }

    fn skip_white_space(&mut self) {
        self.skip_class(WHITE);
    }

    /// White space and comments: lopdf's `space`.
    fn skip_space(&mut self) {
        loop {
            self.skip_white_space();
            if self.peek() != Some(b'%') || !self.comment() {
                return;
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn rest(&self) -> &'d [u8] {
        self.data.get(self.pos..).unwrap_or_default()
    }
}

/// A real whose fraction holds minus signs (`0.00-4142502`): the first byte
/// kept, every later minus sign dropped.
fn real_without_inner_minus(text: &[u8]) -> Option<f32> {
    let mut digits = Vec::with_capacity(text.len());
    digits.push(text[0]);
    digits.extend(text[1..].iter().filter(|&&c| c != b'-'));
    std::str::from_utf8(&digits).ok()?.parse::<f32>().ok()
}

fn is_white_space(c: u8) -> bool {
    CLASS[usize::from(c)] & WHITE != 0
}

fn hex_value(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|v| v as u8)
}

#[cfg(test)]
mod tests {
    use super::{Lexer, Operand, Operation};
    use lopdf::content::Content;
    use lopdf::Object;

    /// An operand in a form both readers can give.
    #[derive(Debug, PartialEq)]
    enum Value {
        Int(i64),
        Real(u32),
        Bool(bool),
        Name(Vec<u8>),
        Str(Vec<u8>),
        Array(Vec<Value>),
        Other,
    }

    fn from_object(o: &Object, top: bool) -> Value {
        match o {
            Object::Integer(i) => Value::Int(*i),
            Object::Real(r) => Value::Real(r.to_bits()),
            Object::Boolean(b) => Value::Bool(*b),
            Object::Name(n) => Value::Name(n.clone()),
            Object::String(s, _) => Value::Str(s.clone()),
            Object::Array(a) if top => {
                Value::Array(a.iter().map(|o| from_object(o, false)).collect())
            }
            _ => Value::Other,
        }
    }

    fn from_operand(op: &Operation, o: &Operand, top: bool) -> Value {
        match *o {
            Operand::Int(i) => Value::Int(i),
            Operand::Real(r) => Value::Real(r.to_bits()),
            Operand::Bool(b) => Value::Bool(b),
            Operand::Name(s) => Value::Name(op.bytes[s.start..s.end].to_vec()),
            Operand::Str(_) | Operand::Raw(_) => {
                Value::Str(op.string(Some(o)).unwrap_or_default().to_vec())
            }
            Operand::Array(s) if top => Value::Array(
                op.items[s.start..s.end]
                    .iter()
                    .map(|o| from_operand(op, o, false))
                    .collect(),
            ),
            _ => Value::Other,
        }
    }

    type Ops = Vec<(String, Vec<Value>)>;

    fn lopdf_ops(data: &[u8]) -> Ops {
        let mut out = Vec::new();
        for op in Content::decode_iter(data) {
            let Ok(op) = op else { break };
            // the image of an inline image is not read
            let operands = op
                .operands
                .iter()
                .filter(|o| !matches!(o, Object::Stream(_)))
                .map(|o| from_object(o, true))
                .collect();
            out.push((op.operator, operands));
        }
        out
    }

    fn lexer_ops(data: &[u8]) -> Ops {
        let mut out = Vec::new();
        let mut lexer = Lexer::new(data);
        while let Some(op) = lexer.next_operation() {
            let operands = op
                .operands
                .iter()
                .map(|o| from_operand(&op, o, true))
                .collect();
            out.push((String::from_utf8_lossy(op.operator).into_owned(), operands));
        }
        out
    }

    #[test]
    fn reads_what_lopdf_reads() {
        let cases: &[&[u8]] = &[
            b"BT /F1 11 Tf 72 700 Td (Verwerker meldt een datalek.) Tj ET",
            b"q 1 0 0 1 10 10 cm (corrupted Q",
            b"BT/F1 12 Tf[(Ver)-20(werker)120.5(s)]TJ ET",
            b"0.99999994 0.00-4142502 0 1.0000001 106.7 232.2 cm",
            b"-.5 +7 5. .5 -0 +0042 1.5.3 Tc",
            b"99999999999999999999 Tc 1 Tw",
            b"9223372036854775807 -9223372036854775808 d0",
            b"% opmerking\n  BT %c\n ET % open",
            b"1 0 0 1 %midden\n 0 0 cm Q",
            b"(a\\(b\\)c \\101\\60\\0061 \\n\\r\\t\\b\\f\\x \\\n d\r\ne\rf) Tj",
            b"(geneste (haakjes (diep)) hier) Tj (\\",
            b"<48 65 6c6C 6 > Tj <4G> Tj",
            b"<0041004200> Tj <> Tj",
            b"/P <</MCID 3 /Naam (x) /Lijst [1 2 [3]] /Sub <</A 1 0 R>>>> BDC EMC",
            b"/Span<</ActualText<FEFF0041>>>BDC (x) Tj EMC",
            b"[1 0 R (a) /N null true false <41> [(x)] <</K 1>>] TJ",
            b"[(a) % commentaar\n (b)] TJ",
            b"null true false nullx Tc",
            b"T* (a) ' 1 2 (b) \" f* B* b*",
            b"/Naam#20met#41 Tf /A#4 Tf /A#4G Tf / Tf",
            b"BI /W 2 /H 1 /BPC 8 /CS /G ID \x00\x01 EI (na) Tj",
            b"BI /W 2 /H 2 /IM true ID \x80\xC0 EI (na) Tj",
            b"BI /W 4 /H 1 /BPC 8 /CS /RGB /F /AHx ID 0a0b0c EI (na) Tj",
            b"BI /W 1 /H 1 /BPC 8 /CS [/I /RGB 1 <000000FFFFFF>] ID \x01 EI Q",
            b"BI /W 1 /H 1 /BPC 8 /CS /Pattern ID xyz EI Q",
            b"BI /W 3 /H 1 /BPC 8 /CS /G ID ab EI Q",
            b"BI /W 1 /H 1 ID x",
            b"1 BI 2",
            b"\x00\x0c BT\x00ET\x0cq\x00Q",
            b"[] TJ [ ] TJ [1 2 TJ",
            b") Tj",
            b"{ } Tj",
            b"12 0 R Do",
            b"BIx",
        ];
        for case in cases {
            assert_eq!(
                lexer_ops(case),
                lopdf_ops(case),
                "{:?}",
                String::from_utf8_lossy(case)
            );
        }
    }

    #[test]
    fn nesting_limits_match() {
        for n in [99, 100, 101, 102] {
            let arrays = format!("{}{} TJ (x) Tj", "[".repeat(n), "]".repeat(n));
            let dicts = format!("{} {} BDC (x) Tj", "<</K ".repeat(n), ">>".repeat(n));
            let parens = format!("({}{}) Tj Q", "(".repeat(n), ")".repeat(n));
            for case in [arrays, dicts, parens] {
                assert_eq!(
                    lexer_ops(case.as_bytes()),
                    lopdf_ops(case.as_bytes()),
                    "{case}"
                );
            }
        }
    }

    #[test]
    fn reads_the_fixture_streams_like_lopdf() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pdf");
        let entries = [root.to_string(), format!("{root}/made")]
            .into_iter()
            .filter_map(|dir| std::fs::read_dir(dir).ok())
            .flat_map(|dir| dir.flatten());
        let mut streams = 0;
        for entry in entries {
            let Ok(doc) = lopdf::Document::load(entry.path()) else {
                continue;
            };
            for object in doc.objects.values() {
                let Object::Stream(s) = object else { continue };
                let Ok(data) = s
                    .decompressed_content()
                    .or_else(|_| Ok::<_, ()>(s.content.clone()))
                else {
                    continue;
                };
                assert_eq!(lexer_ops(&data), lopdf_ops(&data));
                streams += 1;
            }
        }
        assert!(streams > 0);
    }
}
