//! The `dpa` command line tool (thin binary over the `dpa` library).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("schema") {
        println!("{}", serde_json::to_string_pretty(&dpa::json_schema()).unwrap());
    }
}
