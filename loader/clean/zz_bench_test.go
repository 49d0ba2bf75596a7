package clean
import ("testing";"strings";"time")
func BenchmarkClean(b *testing.B){ raw:=seeds(b)["003_e85791bb2d0963fd"]; for b.Loop(){ Clean(raw) } }
func TestBig(t *testing.T){
  var sb strings.Builder
  for i:=0;i<3000;i++{ sb.WriteString("The talks began on Monday and the ministers agreed to meet again…\n\n") }
  st:=time.Now(); Clean(sb.String()); t.Log(time.Since(st))
  sb.Reset()
  for i:=0;i<3000;i++{ sb.WriteString("x y z w v u\n") }
  st=time.Now(); Clean(sb.String()); t.Log(time.Since(st))
}
