//! Escaping text for XML (GraphML, GEXF).

/// Escapes text for an XML attribute value or element content.
///
/// Markup characters become entities; newline, carriage return and tab
/// become character references, because a parser would otherwise turn them
/// into spaces inside attribute values; characters XML 1.0 forbids (other
/// control characters, lone surrogates cannot occur in Rust strings,
/// U+FFFE and U+FFFF) become U+FFFD, since no escape can carry them.
pub fn escape(text: &str) -> String {
    escape_as(text, true)
}

/// Like [`escape`], for element content only: quotes stay as they are, so
/// `["U.N.","UNO"]` reads as written.
pub fn escape_text(text: &str) -> String {
    escape_as(text, false)
}

fn escape_as(text: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\'' if quotes => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{escape, escape_text};

    #[test]
    fn markup_whitespace_and_forbidden_characters() {
        assert_eq!(
            escape("<a href=\"x\">Tom & 'Jerry'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;"
        );
        assert_eq!(escape("a\nb\r\tc"), "a&#10;b&#13;&#9;c");
        assert_eq!(escape("bell\u{7}"), "bell\u{FFFD}");
        assert_eq!(escape("Беларусь 中国"), "Беларусь 中国");
        assert_eq!(
            escape_text(r#"["it's", "<b>"]"#),
            r#"["it's", "&lt;b&gt;"]"#
        );
    }
}
