//! A council in context: its history, trend baselines and their back-test, spending, and statistical neighbours.

pub mod backtest;
pub mod council_data;
pub mod history;
pub mod neighbour_compare;
pub mod neighbours;
pub mod spend;
pub mod spend_tables;
pub mod trend;
