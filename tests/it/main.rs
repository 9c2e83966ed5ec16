//! Every integration test in one binary, so that typst is linked once (see README).

#![allow(dead_code)]

mod cli_support;
mod load_support;
mod pdf_support;
mod score_support;
mod workbook_support;

mod architecture;
mod batch;
mod build_pdf;
mod build_safety;
mod careless_pdf;
mod careless_typing;
mod checks;
mod cli_check;
mod cli_help;
mod diff;
mod editor;
mod escape;
mod excel;
mod extreme_numbers;
mod fonts_cmd;
mod forms_checks;
mod forms_cli;
mod forms_national;
mod fuzz_check;
mod hostile_input;
mod hostile_messages;
mod hostile_outputs;
mod hostile_surfaces;
mod hostile_templates;
mod hostile_workbooks;
mod layout_stress;
mod load_errors;
mod load_every_error;
mod load_model;
mod load_render;
mod load_values;
mod new;
mod readme;
mod schema;
mod score_cli;
mod score_faults;
mod score_props;
mod score_rules;
mod score_settings;
mod score_words;
mod typeset;
mod variants_frame;
mod variants_import;
mod variants_money;
mod variants_parts;
mod variants_tables;
mod variants_values;
mod watch;
