//! Hand-built PDFs: a small well-formed base document (used when the
//! project's `fixtures/pdf/` is missing) and hostile documents (deep
//! nesting, loops, bombs) that no producer would write.

use flate2::write::ZlibEncoder;
use flate2::Compression;
use std::io::Write;

/// A PDF under construction: object `i + 1` is `objects[i]`.
#[derive(Default)]
pub struct RawPdf {
    objects: Vec<Vec<u8>>,
}

impl RawPdf {
    /// Add an object body; returns its object number.
    pub fn add(&mut self, body: impl Into<Vec<u8>>) -> usize {
        self.objects.push(body.into());
        self.objects.len()
    }

    /// Reserve an object number, to fill later with [`RawPdf::set`].
    pub fn reserve(&mut self) -> usize {
        self.add(b"null".to_vec())
    }

    pub fn set(&mut self, id: usize, body: impl Into<Vec<u8>>) {
        self.objects[id - 1] = body.into();
    }

    /// The file: header, objects, a correct xref table and trailer.
    pub fn finish(&self, root: usize) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::with_capacity(self.objects.len());
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", self.objects.len() + 1).as_bytes(),
        );
        for off in offsets {
            out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
        }
        let trailer = format!(
            "trailer\n<< /Size {} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            self.objects.len() + 1
        );
        out.extend_from_slice(trailer.as_bytes());
        out
    }
}

/// A stream object body with `data` (and `extra` dictionary entries).
pub fn stream(extra: &str, data: &[u8]) -> Vec<u8> {
    let mut body = format!("<< /Length {} {extra} >>\nstream\n", data.len()).into_bytes();
    body.extend_from_slice(data);
    body.extend_from_slice(b"\nendstream");
    body
}

pub fn zlib(data: &[u8]) -> Vec<u8> {
    let mut enc = ZlibEncoder::new(Vec::new(), Compression::default());
    enc.write_all(data).expect("compress to memory");
    enc.finish().expect("compress to memory")
}

/// `total` zero bytes, compressed without ever holding them in memory.
pub fn zlib_zeros(total: usize) -> Vec<u8> {
    let chunk = vec![0u8; 1 << 20];
    let mut enc = ZlibEncoder::new(Vec::new(), Compression::best());
    let mut left = total;
    while left > 0 {
        let n = left.min(chunk.len());
        enc.write_all(&chunk[..n]).expect("compress to memory");
        left -= n;
    }
    enc.finish().expect("compress to memory")
}

/// A PDF literal string for Windows-1252 text.
fn literal(line: &str) -> String {
    let mut s = String::from("(");
    for c in line.chars() {
        match c {
            '(' | ')' | '\\' => {
                s.push('\\');
                s.push(c);
            }
            'é' => s.push_str("\\351"),
            'ë' => s.push_str("\\353"),
            '€' => s.push_str("\\200"),
            c if c.is_ascii() => s.push(c),
            _ => s.push('?'),
        }
    }
    s.push(')');
    s
}

/// The content stream that writes `lines` top-down in Helvetica 11.
pub fn text_content(lines: &[&str]) -> Vec<u8> {
    let mut ops = String::from("BT /F1 11 Tf 14 TL 72 770 Td\n");
    for line in lines {
        ops.push_str(&literal(line));
        ops.push_str(" Tj T*\n");
    }
    ops.push_str("ET\n");
    ops.into_bytes()
}

/// A PDF whose pages carry the given content streams (each compressed
/// when `compress`), all sharing one Helvetica font.
pub fn pdf_with_contents(contents: &[Vec<u8>], compress: bool) -> Vec<u8> {
    let mut pdf = RawPdf::default();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let font = pdf.add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    let mut kids = Vec::new();
    for content in contents {
        let body = if compress {
            stream("/Filter /FlateDecode", &zlib(content))
        } else {
            stream("", content)
        };
        let content_id = pdf.add(body);
        let page = format!(
            "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font} 0 R >> >> /Contents {content_id} 0 R >>"
        );
        kids.push(format!("{} 0 R", pdf.add(page.into_bytes())));
    }
    pdf.set(
        pages,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            kids.len()
        )
        .into_bytes(),
    );
    pdf.set(
        catalog,
        format!("<< /Type /Catalog /Pages {pages} 0 R >>").into_bytes(),
    );
    pdf.finish(catalog)
}

/// Two pages of a short Dutch processing agreement (own text).
pub const SAMPLE_PAGES: [&[&str]; 2] = [
    &[
        "Verwerkersovereenkomst",
        "1. Definities",
        "1.1 Verwerker: Voorbeeld B.V., gevestigd te Utrecht.",
        "1.2 Verwerkingsverantwoordelijke: de klant die de dienst afneemt.",
        "2. Beveiliging",
        "2.1 Verwerker neemt passende technische en organisatorische maatregelen.",
        "2.2 Verwerker is gecertificeerd volgens ISO 27001.",
        "3. Datalekken",
        "3.1 Verwerker meldt een inbreuk binnen 24 uur na ontdekking.",
    ],
    &[
        "4. Subverwerkers",
        "4.1 Verwerker schakelt alleen subverwerkers in na schriftelijke toestemming.",
        "Naam    Land    Dienst",
        "Hostingbedrijf B.V.    Nederland    opslag",
        "5. Aansprakelijkheid",
        "5.1 De aansprakelijkheid is beperkt tot \u{20ac} 500.000 per jaar.",
        "6. Toepasselijk recht",
        "6.1 Op deze overeenkomst is Nederlands recht van toepassing; privé-gegevens.",
    ],
];

/// The well-formed base PDF (compressed content streams).
pub fn sample_pdf(compress: bool) -> Vec<u8> {
    let contents: Vec<Vec<u8>> = SAMPLE_PAGES
        .iter()
        .map(|lines| text_content(lines))
        .collect();
    pdf_with_contents(&contents, compress)
}

/// A PDF with `pages` pages of one line each.
pub fn many_pages(pages: usize) -> Vec<u8> {
    let contents: Vec<Vec<u8>> = (0..pages)
        .map(|i| text_content(&[&format!("Pagina {}", i + 1)]))
        .collect();
    pdf_with_contents(&contents, false)
}

/// A page whose content stream is `content` (uncompressed).
pub fn one_page(content: Vec<u8>) -> Vec<u8> {
    pdf_with_contents(&[content], false)
}

/// A PDF whose object 3 (the font) is replaced by `body`.
pub fn with_font_object(body: &[u8]) -> Vec<u8> {
    let mut pdf = RawPdf::default();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let font = pdf.add(body.to_vec());
    let content = pdf.add(stream("", &text_content(&["Verwerker meldt datalekken."])));
    let page = pdf.add(
        format!("<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>")
            .into_bytes(),
    );
    pdf.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>").into_bytes(),
    );
    pdf.set(
        catalog,
        format!("<< /Type /Catalog /Pages {pages} 0 R >>").into_bytes(),
    );
    pdf.finish(catalog)
}

/// A one-page PDF with raw control over the page tree: `pages_body` is
/// the body of object 2 (the /Pages node) and `page_body` of object 3.
pub fn with_page_tree(pages_body: &str, page_body: &str) -> Vec<u8> {
    let mut pdf = RawPdf::default();
    let catalog = pdf.add(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    pdf.add(pages_body.as_bytes().to_vec());
    pdf.add(page_body.as_bytes().to_vec());
    pdf.add(stream(
        "",
        &text_content(&["Artikel 1. Verwerker verwerkt persoonsgegevens."]),
    ));
    pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec());
    pdf.finish(catalog)
}

/// A one-page PDF whose page resources hold a form XObject /X1 (object 6)
/// with `xobject_content`, drawn by the page content.
pub fn with_form_xobject(xobject_content: &[u8], page_content: &[u8]) -> Vec<u8> {
    let mut pdf = RawPdf::default();
    let catalog = pdf.add(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    pdf.add(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec());
    pdf.add(
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 5 0 R /Contents 4 0 R >>"
            .to_vec(),
    );
    pdf.add(stream("", page_content));
    pdf.add(b"<< /Font << /F1 7 0 R >> /XObject << /X1 6 0 R >> >>".to_vec());
    pdf.add(stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources 5 0 R",
        xobject_content,
    ));
    pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec());
    pdf.finish(catalog)
}
