//! What the end-to-end test binaries share.

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

/// Runs `command` with `stdin` written to it on a thread of its own (so that a large input cannot
/// deadlock against a full output pipe), and collects its output.
pub fn run_with_stdin(mut command: Command, stdin: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}
