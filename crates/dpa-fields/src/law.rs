//! Extractor for the `law` fields of the model.

use crate::Ctx;
use dpa_model::Model;

pub fn extract(_ctx: &Ctx, _model: &mut Model) {}
