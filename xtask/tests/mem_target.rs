//! `cargo xtask mem` finds the release `ccapi` where cargo builds it, also under
//! `CARGO_TARGET_DIR` (it used to look in `<workspace>/target` only, and exited 127).

use std::path::Path;

#[test]
fn the_target_directory_follows_cargo_target_dir() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root");
    // The only test of this binary, so no other thread reads the environment meanwhile.
    let elsewhere = std::env::temp_dir().join("ccapi-mem-target-dir");
    std::env::set_var("CARGO_TARGET_DIR", &elsewhere);
    assert_eq!(
        xtask::mem::target_directory(root).expect("cargo metadata"),
        elsewhere
    );
    std::env::remove_var("CARGO_TARGET_DIR");
    let default = xtask::mem::target_directory(root).expect("cargo metadata");
    assert_eq!(default, root.join("target"));
}
