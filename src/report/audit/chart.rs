//! Inline SVG bar charts of effort against capacity per quarter.
//!
//! Readable without colour: every bar carries its number, capacity is an
//! outlined bar beside the solid scheduled one, and an over-booked quarter
//! says so in words. Sized in user units so it prints at any width.

use crate::model::{Quarter, Rational};

/// One quarter's bars.
pub struct Bar {
    pub quarter: Quarter,
    pub scheduled: Rational,
    pub capacity: Option<Rational>,
}

fn escape(text: &str) -> String {
    super::html::escape(text)
}

fn to_f64(value: Rational) -> f64 {
    value.numerator() as f64 / value.denominator() as f64
}

/// A horizontal grouped bar chart; `title` is its accessible name.
pub fn effort_chart(title: &str, bars: &[Bar]) -> String {
    const LABEL_WIDTH: f64 = 80.0;
    const BAR_AREA: f64 = 440.0;
    const ROW: f64 = 46.0;
    let width = LABEL_WIDTH + BAR_AREA + 170.0;
    let height = 30.0 + ROW * bars.len() as f64;
    let largest = bars
        .iter()
        .flat_map(|bar| [Some(bar.scheduled), bar.capacity])
        .flatten()
        .map(to_f64)
        .fold(1.0_f64, f64::max);
    let scale = BAR_AREA / largest;
    let mut svg = format!(
        "<svg class=\"chart\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {width} {height}\" \
         xmlns=\"http://www.w3.org/2000/svg\">\n<title>{}</title>\n\
         <text x=\"0\" y=\"14\" class=\"legend\">■ scheduled effort   □ team capacity (person-days)</text>\n",
        escape(title),
        escape(title)
    );
    for (index, bar) in bars.iter().enumerate() {
        let top = 26.0 + ROW * index as f64;
        let scheduled = to_f64(bar.scheduled);
        let over = bar
            .capacity
            .is_some_and(|capacity| bar.scheduled > capacity);
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{:.1}\" class=\"quarter\">{}</text>\n",
            top + 22.0,
            bar.quarter
        ));
        svg.push_str(&format!(
            "<rect x=\"{LABEL_WIDTH}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"16\" class=\"scheduled{}\"/>\n\
             <text x=\"{:.1}\" y=\"{:.1}\" class=\"value\">{} scheduled{}</text>\n",
            (scheduled * scale).max(1.0),
            if over { " over" } else { "" },
            LABEL_WIDTH + (scheduled * scale).max(1.0) + 6.0,
            top + 12.5,
            bar.scheduled,
            if over { " — over capacity" } else { "" },
        ));
        match bar.capacity {
            Some(capacity) => {
                let length = (to_f64(capacity) * scale).max(1.0);
                svg.push_str(&format!(
                    "<rect x=\"{LABEL_WIDTH}\" y=\"{:.1}\" width=\"{length:.1}\" height=\"16\" class=\"capacity\"/>\n\
                     <text x=\"{:.1}\" y=\"{:.1}\" class=\"value\">{} capacity</text>\n",
                    top + 19.0,
                    LABEL_WIDTH + length + 6.0,
                    top + 31.5,
                    capacity
                ));
            }
            None => svg.push_str(&format!(
                "<text x=\"{LABEL_WIDTH}\" y=\"{:.1}\" class=\"value\">no capacity stated</text>\n",
                top + 31.5
            )),
        }
    }
    svg.push_str("</svg>\n");
    svg
}
