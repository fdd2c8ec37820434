//! Pictures: SVG and PNG.
//!
//! Graphviz draws them when its `dot` program can be run: the DOT of
//! [`super::dot`] is piped through `dot -Tsvg` or `-Tpng` (with `-K` for
//! the chosen engine). Without Graphviz, SVG is laid out by the pure-Rust
//! `layout-rs` crate (plainer, but it works anywhere); PNG needs a
//! rasterizer diplograph does not carry, so it is an error that says what
//! to install.
//!
//! The program is `$DIPLOGRAPH_DOT` when set, else `dot` on the `PATH`. A
//! program that cannot be started counts as "not installed", so
//! `DIPLOGRAPH_DOT=/nonexistent` shows what a machine without Graphviz gets.

use std::ffi::OsString;
use std::io::Write;
use std::process::{Command, Stdio};

use super::Slice;
use super::dot::{self, DotOptions};
use crate::error::Error;

/// The environment variable naming the Graphviz program.
pub const DOT_ENV: &str = "DIPLOGRAPH_DOT";

/// A picture format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PictureFormat {
    /// Scalable vector graphics: text, drawn by Graphviz or, without it,
    /// by the built-in layout.
    Svg,
    /// A raster image; needs Graphviz.
    Png,
}

impl PictureFormat {
    /// `svg` or `png`, as in `dot -T`.
    pub fn name(self) -> &'static str {
        match self {
            PictureFormat::Svg => "svg",
            PictureFormat::Png => "png",
        }
    }
}

/// What drew a picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Renderer {
    /// Graphviz.
    Graphviz,
    /// The built-in pure-Rust layout (SVG only).
    Builtin,
}

/// A rendered picture.
#[derive(Clone, Debug)]
pub struct Picture {
    /// The picture file's contents, in the format asked for.
    pub bytes: Vec<u8>,
    /// What drew it, so the CLI can say when Graphviz was not used.
    pub renderer: Renderer,
    /// What Graphviz said on stderr while succeeding (warnings), if anything.
    pub warnings: String,
}

/// The Graphviz `dot` program to use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Graphviz {
    program: OsString,
}

impl Graphviz {
    /// `$DIPLOGRAPH_DOT`, or `dot` from the `PATH`.
    pub fn from_env() -> Self {
        Graphviz {
            program: std::env::var_os(DOT_ENV)
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| OsString::from("dot")),
        }
    }

    /// A specific program.
    pub fn at(program: impl Into<OsString>) -> Self {
        Graphviz {
            program: program.into(),
        }
    }

    /// Renders DOT text; `Ok(None)` when the program cannot be started
    /// (Graphviz is not installed), an error when it runs and fails.
    pub fn render(
        &self,
        dot_text: &str,
        format: PictureFormat,
        engine: dot::Engine,
    ) -> Result<Option<(Vec<u8>, String)>, Error> {
        let program = self.program.to_string_lossy().into_owned();
        let spawned = Command::new(&self.program)
            .arg(format!("-T{}", format.name()))
            .arg(format!("-K{}", engine.name()))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let Ok(mut child) = spawned else {
            return Ok(None);
        };
        let failed = |detail: String| Error::GraphvizFailed {
            program: program.clone(),
            detail,
        };
        // Feed stdin from another thread so a large picture on stdout cannot
        // deadlock against a large DOT on stdin.
        let Some(mut stdin) = child.stdin.take() else {
            return Err(failed("its input was not piped".to_string()));
        };
        let input = dot_text.as_bytes().to_vec();
        let feeder = std::thread::spawn(move || stdin.write_all(&input));
        let output = child
            .wait_with_output()
            .map_err(|e| failed(e.to_string()))?;
        let fed = feeder
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("writer thread failed")));
        let stderr = String::from_utf8_lossy(&output.stderr).trim().to_string();
        if !output.status.success() {
            let detail = if stderr.is_empty() {
                output.status.to_string()
            } else {
                stderr
            };
            return Err(failed(detail));
        }
        if let Err(e) = fed {
            return Err(failed(format!("could not send the diagram: {e}")));
        }
        Ok(Some((output.stdout, stderr)))
    }
}

/// Renders the slice as a picture: through Graphviz when it can be run,
/// else (SVG only) through the built-in layout.
pub fn render(
    slice: &Slice<'_>,
    options: &DotOptions,
    format: PictureFormat,
    graphviz: &Graphviz,
) -> Result<Picture, Error> {
    let dot_text = dot::write(slice, options);
    if let Some((bytes, warnings)) = graphviz.render(&dot_text, format, options.engine)? {
        return Ok(Picture {
            bytes,
            renderer: Renderer::Graphviz,
            warnings,
        });
    }
    match format {
        PictureFormat::Svg => Ok(Picture {
            bytes: super::layout::svg(slice, options)?.into_bytes(),
            renderer: Renderer::Builtin,
            warnings: String::new(),
        }),
        PictureFormat::Png => Err(Error::GraphvizMissing {
            format: format.name(),
            program: graphviz.program.to_string_lossy().into_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Selection;
    use crate::export::tests::bundled;
    use crate::graph::When;

    fn slice_of(graph: &crate::graph::DiploGraph) -> Slice<'_> {
        Slice::new(graph.at(When::AllTime), &Selection::default())
    }

    #[test]
    fn without_graphviz_svg_falls_back_and_png_says_what_to_install() {
        let graph = bundled();
        let slice = slice_of(&graph);
        let missing = Graphviz::at("/nonexistent/dot");
        let svg = render(&slice, &DotOptions::new(), PictureFormat::Svg, &missing).unwrap();
        assert_eq!(svg.renderer, Renderer::Builtin);
        assert!(String::from_utf8(svg.bytes).unwrap().contains("<svg"));
        let err = render(&slice, &DotOptions::new(), PictureFormat::Png, &missing).unwrap_err();
        assert!(matches!(err, Error::GraphvizMissing { format: "png", .. }));
    }

    #[test]
    fn a_failing_program_is_an_error_with_its_message() {
        let graph = bundled();
        let slice = slice_of(&graph);
        // `false` runs and fails, as a broken Graphviz would.
        let broken = Graphviz::at("false");
        let err = render(&slice, &DotOptions::new(), PictureFormat::Svg, &broken).unwrap_err();
        assert!(matches!(err, Error::GraphvizFailed { .. }), "{err:?}");
    }
}
