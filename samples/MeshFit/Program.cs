// Learns a mesh's signed distance field with the library alone (what `sdflearn fit-mesh` does, without the app):
//   dotnet run -c Release --project samples/MeshFit -- [mesh.obj|mesh.ply|mesh.glb] [output folder]
// Defaults: the bundled Stanford bunny, and the folder mesh-fit/.
using System.Numerics;
using SdfLearn.Sdf.Geometry;

string meshPath = args.Length > 0 ? args[0] : Path.Combine("data", "bunny", "bunny.ply");
string folder = args.Length > 1 ? args[1] : "mesh-fit";

var input = MeshFile.Read(meshPath);
Console.WriteLine($"{meshPath}: {input.VertexCount} vertices, {input.TriangleCount} triangles");

// 500,000 DeepSDF samples, then a 128-wide decoder trained for 12 epochs (Trainer under the hood).
var fit = MeshFitter.Fit(input, new MeshFitOptions(), new Progress<MeshFitProgress>(p => Console.WriteLine($"epoch {p.Epoch}: loss {p.Loss:E3}")));

// The learnt surface, back in the input's coordinates, as OBJ, PLY and glTF, each vertex with the learnt field's
// normal ∇f/|∇f| for smooth shading (fieldNormals: false leaves them out); a picture; a slice; the scores.
var output = fit.ExtractMesh(resolution: 128, fieldNormals: true);
MeshFile.Write(Path.Combine(folder, "mesh.obj"), output);
MeshFile.Write(Path.Combine(folder, "mesh.ply"), output);
MeshFile.Write(Path.Combine(folder, "mesh.glb"), output);
SphereTracer.Render(fit.Field, MeshFit.UnitCube, Camera.Orbit(Vector3.Zero, 1f, 35f, 15f), gradient: fit.Gradient).SavePng(Path.Combine(folder, "render.png"));
FieldSlice.Render(fit.Field, MeshFit.UnitCube, axis: 2, position: 0f).SavePng(Path.Combine(folder, "slice.png"));
var score = MeshMetrics.Compare(input, output);
Console.WriteLine($"Chamfer {score.ChamferFraction:P3} of the box diagonal, normal consistency {score.NormalConsistency:F4}, IoU {score.InsideIoU:F4}");
